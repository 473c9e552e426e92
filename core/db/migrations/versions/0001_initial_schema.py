"""initial schema

Revision ID: 0001
Revises: 
"""
from alembic import op
import sqlalchemy as sa
import core.db.types


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


POINT_TABLES = ("market", "stall", "test_lab", "business", "camera")
GEOMETRY_TABLES = ("district", "vendor_zone")


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        op.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    op.create_table('app_user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('display_name', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('password_hash', sa.String(length=256), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', core.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_app_user')),
    sa.UniqueConstraint('username', name=op.f('uq_app_user_username'))
    )
    op.create_table('audit_event',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('at', core.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=48), nullable=False),
    sa.Column('entity', sa.String(length=32), nullable=False),
    sa.Column('entity_id', sa.String(length=48), nullable=True),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_event'))
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_event_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_entity'), ['entity'], unique=False)

    op.create_table('change_log',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('at', core.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('entity', sa.String(length=32), nullable=False),
    sa.Column('entity_id', sa.String(length=48), nullable=True),
    sa.Column('op', sa.String(length=8), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_log'))
    )
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_change_log_entity'), ['entity'], unique=False)

    op.create_table('district',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('adcode', sa.String(length=12), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('parent_adcode', sa.String(length=12), nullable=True),
    sa.Column('level', sa.String(length=16), nullable=False),
    sa.Column('center_lon', sa.Double(), nullable=False),
    sa.Column('center_lat', sa.Double(), nullable=False),
    sa.Column('geom', core.db.types.GeometryType('MULTIPOLYGON'), nullable=False),
    sa.Column('source', sa.String(length=64), nullable=False),
    sa.Column('min_lon', sa.Float(), nullable=False),
    sa.Column('min_lat', sa.Float(), nullable=False),
    sa.Column('max_lon', sa.Float(), nullable=False),
    sa.Column('max_lat', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_district')),
    sa.UniqueConstraint('adcode', name=op.f('uq_district_adcode'))
    )
    op.create_table('meta',
    sa.Column('key', sa.String(length=48), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_meta'))
    )
    op.create_table('business',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('licence_no', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=True),
    sa.Column('address', sa.String(length=256), nullable=False),
    sa.Column('postal_code', sa.String(length=12), nullable=False),
    sa.Column('phone', sa.String(length=32), nullable=False),
    sa.Column('legal_person', sa.String(length=64), nullable=False),
    sa.Column('licence_expires', sa.Date(), nullable=True),
    sa.Column('on_platform', sa.Boolean(), nullable=False),
    sa.Column('qr_token', sa.String(length=32), nullable=False),
    sa.Column('risk_grade', sa.String(length=1), nullable=False),
    sa.Column('risk_reasons', sa.JSON(), nullable=False),
    sa.Column('stars', sa.Integer(), nullable=False),
    sa.Column('employees', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.Column('created_at', core.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['district_id'], ['district.id'], name=op.f('fk_business_district_id_district')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_business')),
    sa.UniqueConstraint('licence_no', name=op.f('uq_business_licence_no')),
    sa.UniqueConstraint('qr_token', name=op.f('uq_business_qr_token'))
    )
    with op.batch_alter_table('business', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_business_district_id'), ['district_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_business_kind'), ['kind'], unique=False)
        batch_op.create_index('ix_business_lonlat', ['lon', 'lat'], unique=False)
        batch_op.create_index(batch_op.f('ix_business_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_business_risk_grade'), ['risk_grade'], unique=False)
        batch_op.create_index(batch_op.f('ix_business_stars'), ['stars'], unique=False)

    op.create_table('inspector',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('badge_no', sa.String(length=24), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('phone', sa.String(length=32), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['district_id'], ['district.id'], name=op.f('fk_inspector_district_id_district')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspector')),
    sa.UniqueConstraint('badge_no', name=op.f('uq_inspector_badge_no'))
    )
    with op.batch_alter_table('inspector', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspector_district_id'), ['district_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inspector_status'), ['status'], unique=False)

    op.create_table('market',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=True),
    sa.Column('address', sa.String(length=256), nullable=False),
    sa.Column('operator', sa.String(length=128), nullable=False),
    sa.Column('phone', sa.String(length=32), nullable=False),
    sa.Column('stall_count', sa.Integer(), nullable=False),
    sa.Column('has_screen', sa.Boolean(), nullable=False),
    sa.Column('created_at', core.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('lon', sa.Float(), nullable=False),
    sa.Column('lat', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['district_id'], ['district.id'], name=op.f('fk_market_district_id_district')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_market')),
    sa.UniqueConstraint('code', name=op.f('uq_market_code'))
    )
    with op.batch_alter_table('market', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_market_district_id'), ['district_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_market_kind'), ['kind'], unique=False)
        batch_op.create_index('ix_market_lonlat', ['lon', 'lat'], unique=False)

    op.create_table('vendor_zone',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=True),
    sa.Column('address', sa.String(length=256), nullable=False),
    sa.Column('lon', sa.Double(), nullable=False),
    sa.Column('lat', sa.Double(), nullable=False),
    sa.Column('geom', core.db.types.GeometryType('POLYGON'), nullable=False),
    sa.Column('opens', sa.String(length=5), nullable=False),
    sa.Column('closes', sa.String(length=5), nullable=False),
    sa.Column('days', sa.String(length=7), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('manager', sa.String(length=64), nullable=False),
    sa.Column('min_lon', sa.Float(), nullable=False),
    sa.Column('min_lat', sa.Float(), nullable=False),
    sa.Column('max_lon', sa.Float(), nullable=False),
    sa.Column('max_lat', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['district_id'], ['district.id'], name=op.f('fk_vendor_zone_district_id_district')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vendor_zone')),
    sa.UniqueConstraint('code', name=op.f('uq_vendor_zone_code'))
    )
    with op.batch_alter_table('vendor_zone', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vendor_zone_district_id'), ['district_id'], unique=False)

    op.create_table('camera',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('business_id', sa.Integer(), nullable=True),
    sa.Column('area', sa.String(length=32), nullable=False),
    sa.Column('url', sa.String(length=512), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('state_since', core.db.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_frame_at', core.db.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('closed_from', sa.String(length=5), nullable=False),
    sa.Column('closed_to', sa.String(length=5), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('lease_owner', sa.String(length=64), nullable=True),
    sa.Column('lease_expires', core.db.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('lon', sa.Float(), nullable=False),
    sa.Column('lat', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['business_id'], ['business.id'], name=op.f('fk_camera_business_id_business')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_camera')),
    sa.UniqueConstraint('code', name=op.f('uq_camera_code'))
    )
    with op.batch_alter_table('camera', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_camera_business_id'), ['business_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_camera_lease_owner'), ['lease_owner'], unique=False)
        batch_op.create_index('ix_camera_lonlat', ['lon', 'lat'], unique=False)
        batch_op.create_index(batch_op.f('ix_camera_state'), ['state'], unique=False)

    op.create_table('inspection',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(length=48), nullable=True),
    sa.Column('business_id', sa.Integer(), nullable=False),
    sa.Column('inspector_id', sa.Integer(), nullable=True),
    sa.Column('at', core.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('result', sa.String(length=16), nullable=False),
    sa.Column('risk_grade', sa.String(length=1), nullable=True),
    sa.Column('checklist', sa.JSON(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['business_id'], ['business.id'], name=op.f('fk_inspection_business_id_business')),
    sa.ForeignKeyConstraint(['inspector_id'], ['inspector.id'], name=op.f('fk_inspection_inspector_id_inspector')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection')),
    sa.UniqueConstraint('ref', name=op.f('uq_inspection_ref'))
    )
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspection_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_inspection_business_id'), ['business_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inspection_inspector_id'), ['inspector_id'], unique=False)

    op.create_table('stall',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('number', sa.String(length=16), nullable=False),
    sa.Column('zone_id', sa.Integer(), nullable=True),
    sa.Column('market_id', sa.Integer(), nullable=True),
    sa.Column('holder', sa.String(length=64), nullable=False),
    sa.Column('phone', sa.String(length=32), nullable=False),
    sa.Column('goods', sa.String(length=32), nullable=False),
    sa.Column('permit_no', sa.String(length=32), nullable=False),
    sa.Column('permit_expires', sa.Date(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=False),
    sa.Column('lat', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['market_id'], ['market.id'], name=op.f('fk_stall_market_id_market')),
    sa.ForeignKeyConstraint(['zone_id'], ['vendor_zone.id'], name=op.f('fk_stall_zone_id_vendor_zone')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stall')),
    sa.UniqueConstraint('code', name=op.f('uq_stall_code'))
    )
    with op.batch_alter_table('stall', schema=None) as batch_op:
        batch_op.create_index('ix_stall_lonlat', ['lon', 'lat'], unique=False)
        batch_op.create_index(batch_op.f('ix_stall_market_id'), ['market_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stall_zone_id'), ['zone_id'], unique=False)

    op.create_table('star_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('business_id', sa.Integer(), nullable=False),
    sa.Column('star', sa.String(length=16), nullable=False),
    sa.Column('old', sa.Boolean(), nullable=True),
    sa.Column('new', sa.Boolean(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=24), nullable=False),
    sa.Column('at', core.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('by_user', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['business_id'], ['business.id'], name=op.f('fk_star_change_business_id_business')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_star_change'))
    )
    with op.batch_alter_table('star_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_star_change_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_star_change_business_id'), ['business_id'], unique=False)

    op.create_table('star_proposal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('business_id', sa.Integer(), nullable=False),
    sa.Column('star', sa.String(length=16), nullable=False),
    sa.Column('new', sa.Boolean(), nullable=False),
    sa.Column('rule', sa.String(length=48), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('evidence', sa.JSON(), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('created_at', core.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('decided_at', core.db.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('decided_by', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['business_id'], ['business.id'], name=op.f('fk_star_proposal_business_id_business')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_star_proposal'))
    )
    with op.batch_alter_table('star_proposal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_star_proposal_business_id'), ['business_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_star_proposal_state'), ['state'], unique=False)

    op.create_table('star_rating',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('business_id', sa.Integer(), nullable=False),
    sa.Column('compliance', sa.Boolean(), nullable=False),
    sa.Column('dining', sa.Boolean(), nullable=False),
    sa.Column('kitchen', sa.Boolean(), nullable=False),
    sa.Column('preparation', sa.Boolean(), nullable=False),
    sa.Column('management', sa.Boolean(), nullable=False),
    sa.Column('rated_at', core.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('rated_by', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['business_id'], ['business.id'], name=op.f('fk_star_rating_business_id_business')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_star_rating')),
    sa.UniqueConstraint('business_id', name=op.f('uq_star_rating_business_id'))
    )
    op.create_table('vehicle',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plate', sa.String(length=16), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('terminal_phone', sa.String(length=20), nullable=False),
    sa.Column('terminal_id', sa.String(length=32), nullable=False),
    sa.Column('auth_code', sa.String(length=64), nullable=False),
    sa.Column('owner', sa.String(length=128), nullable=False),
    sa.Column('phone', sa.String(length=32), nullable=False),
    sa.Column('business_id', sa.Integer(), nullable=True),
    sa.Column('district_id', sa.Integer(), nullable=True),
    sa.Column('home_lon', sa.Float(), nullable=True),
    sa.Column('home_lat', sa.Float(), nullable=True),
    sa.Column('last_time', core.db.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_lon', sa.Float(), nullable=True),
    sa.Column('last_lat', sa.Float(), nullable=True),
    sa.Column('last_speed', sa.Float(), nullable=True),
    sa.Column('last_heading', sa.Float(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['business_id'], ['business.id'], name=op.f('fk_vehicle_business_id_business')),
    sa.ForeignKeyConstraint(['district_id'], ['district.id'], name=op.f('fk_vehicle_district_id_district')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vehicle')),
    sa.UniqueConstraint('plate', name=op.f('uq_vehicle_plate')),
    sa.UniqueConstraint('terminal_phone', name=op.f('uq_vehicle_terminal_phone'))
    )
    with op.batch_alter_table('vehicle', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vehicle_business_id'), ['business_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_vehicle_district_id'), ['district_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_vehicle_kind'), ['kind'], unique=False)

    op.create_table('catering_job',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vehicle_id', sa.Integer(), nullable=False),
    sa.Column('venue', sa.String(length=128), nullable=False),
    sa.Column('venue_lon', sa.Double(), nullable=False),
    sa.Column('venue_lat', sa.Double(), nullable=False),
    sa.Column('radius_m', sa.Float(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('starts_at', core.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ends_at', core.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('guests', sa.Integer(), nullable=False),
    sa.Column('host', sa.String(length=64), nullable=False),
    sa.Column('occasion', sa.String(length=32), nullable=False),
    sa.Column('sample_retained', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['vehicle_id'], ['vehicle.id'], name=op.f('fk_catering_job_vehicle_id_vehicle')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_catering_job'))
    )
    with op.batch_alter_table('catering_job', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_catering_job_day'), ['day'], unique=False)
        batch_op.create_index(batch_op.f('ix_catering_job_vehicle_id'), ['vehicle_id'], unique=False)

    op.create_table('certificate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('number', sa.String(length=48), nullable=False),
    sa.Column('holder', sa.String(length=64), nullable=False),
    sa.Column('vehicle_id', sa.Integer(), nullable=True),
    sa.Column('business_id', sa.Integer(), nullable=True),
    sa.Column('issued', sa.Date(), nullable=True),
    sa.Column('expires', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['business_id'], ['business.id'], name=op.f('fk_certificate_business_id_business')),
    sa.ForeignKeyConstraint(['vehicle_id'], ['vehicle.id'], name=op.f('fk_certificate_vehicle_id_vehicle')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificate'))
    )
    with op.batch_alter_table('certificate', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_certificate_business_id'), ['business_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_certificate_expires'), ['expires'], unique=False)
        batch_op.create_index(batch_op.f('ix_certificate_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_certificate_vehicle_id'), ['vehicle_id'], unique=False)

    op.create_table('detector_threshold',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('camera_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('threshold', sa.Float(), nullable=False),
    sa.Column('dismissals', sa.Integer(), nullable=False),
    sa.Column('updated_at', core.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['camera_id'], ['camera.id'], name=op.f('fk_detector_threshold_camera_id_camera')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_detector_threshold'))
    )
    with op.batch_alter_table('detector_threshold', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_detector_threshold_camera_id'), ['camera_id'], unique=False)

    op.create_table('position',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('vehicle_id', sa.Integer(), nullable=False),
    sa.Column('time', core.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('lon', sa.Double(), nullable=False),
    sa.Column('lat', sa.Double(), nullable=False),
    sa.Column('altitude_m', sa.Float(), nullable=True),
    sa.Column('speed_kmh', sa.Float(), nullable=True),
    sa.Column('heading', sa.Float(), nullable=True),
    sa.Column('valid', sa.Boolean(), nullable=False),
    sa.Column('alarm', sa.BigInteger(), nullable=False),
    sa.Column('status', sa.BigInteger(), nullable=False),
    sa.Column('mileage_km', sa.Float(), nullable=True),
    sa.Column('source', sa.String(length=12), nullable=False),
    sa.Column('received_at', core.db.types.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['vehicle_id'], ['vehicle.id'], name=op.f('fk_position_vehicle_id_vehicle')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_position'))
    )
    with op.batch_alter_table('position', schema=None) as batch_op:
        batch_op.create_index('ix_position_vehicle_time', ['vehicle_id', 'time'], unique=False)

    op.create_table('test_lab',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('market_id', sa.Integer(), nullable=True),
    sa.Column('vehicle_id', sa.Integer(), nullable=True),
    sa.Column('district_id', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('lon', sa.Float(), nullable=False),
    sa.Column('lat', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['district_id'], ['district.id'], name=op.f('fk_test_lab_district_id_district')),
    sa.ForeignKeyConstraint(['market_id'], ['market.id'], name=op.f('fk_test_lab_market_id_market')),
    sa.ForeignKeyConstraint(['vehicle_id'], ['vehicle.id'], name=op.f('fk_test_lab_vehicle_id_vehicle')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_test_lab')),
    sa.UniqueConstraint('code', name=op.f('uq_test_lab_code'))
    )
    with op.batch_alter_table('test_lab', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_test_lab_district_id'), ['district_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_test_lab_market_id'), ['market_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_test_lab_vehicle_id'), ['vehicle_id'], unique=False)

    op.create_table('vehicle_check',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vehicle_id', sa.Integer(), nullable=False),
    sa.Column('item', sa.String(length=32), nullable=False),
    sa.Column('ok', sa.Boolean(), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('checked_at', core.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('checked_by', sa.String(length=64), nullable=False),
    sa.Column('severity', sa.SmallInteger(), nullable=False),
    sa.ForeignKeyConstraint(['vehicle_id'], ['vehicle.id'], name=op.f('fk_vehicle_check_vehicle_id_vehicle')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vehicle_check'))
    )
    with op.batch_alter_table('vehicle_check', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vehicle_check_vehicle_id'), ['vehicle_id'], unique=False)

    op.create_table('vehicle_ledger',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vehicle_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('at', core.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('item', sa.String(length=128), nullable=False),
    sa.Column('quantity', sa.Float(), nullable=True),
    sa.Column('unit', sa.String(length=12), nullable=False),
    sa.Column('supplier', sa.String(length=128), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['vehicle_id'], ['vehicle.id'], name=op.f('fk_vehicle_ledger_vehicle_id_vehicle')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vehicle_ledger'))
    )
    with op.batch_alter_table('vehicle_ledger', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vehicle_ledger_vehicle_id'), ['vehicle_id'], unique=False)

    op.create_table('violation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=48), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('risk', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], name=op.f('fk_violation_inspection_id_inspection'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_violation'))
    )
    with op.batch_alter_table('violation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_violation_inspection_id'), ['inspection_id'], unique=False)

    op.create_table('rapid_test',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sample_no', sa.String(length=40), nullable=False),
    sa.Column('lab_id', sa.Integer(), nullable=True),
    sa.Column('market_id', sa.Integer(), nullable=True),
    sa.Column('stall_id', sa.Integer(), nullable=True),
    sa.Column('sample_name', sa.String(length=64), nullable=False),
    sa.Column('category', sa.String(length=16), nullable=False),
    sa.Column('item', sa.String(length=48), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('unit', sa.String(length=16), nullable=False),
    sa.Column('limit', sa.Float(), nullable=True),
    sa.Column('result', sa.String(length=8), nullable=False),
    sa.Column('tested_at', core.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('tester', sa.String(length=64), nullable=False),
    sa.Column('disposal', sa.String(length=32), nullable=True),
    sa.Column('disposal_kg', sa.Float(), nullable=True),
    sa.Column('retest_of_id', sa.Integer(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['lab_id'], ['test_lab.id'], name=op.f('fk_rapid_test_lab_id_test_lab')),
    sa.ForeignKeyConstraint(['market_id'], ['market.id'], name=op.f('fk_rapid_test_market_id_market')),
    sa.ForeignKeyConstraint(['retest_of_id'], ['rapid_test.id'], name=op.f('fk_rapid_test_retest_of_id_rapid_test')),
    sa.ForeignKeyConstraint(['stall_id'], ['stall.id'], name=op.f('fk_rapid_test_stall_id_stall')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rapid_test')),
    sa.UniqueConstraint('sample_no', name=op.f('uq_rapid_test_sample_no'))
    )
    with op.batch_alter_table('rapid_test', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rapid_test_category'), ['category'], unique=False)
        batch_op.create_index(batch_op.f('ix_rapid_test_item'), ['item'], unique=False)
        batch_op.create_index(batch_op.f('ix_rapid_test_lab_id'), ['lab_id'], unique=False)
        batch_op.create_index('ix_rapid_test_market_time', ['market_id', 'tested_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_rapid_test_result'), ['result'], unique=False)
        batch_op.create_index(batch_op.f('ix_rapid_test_stall_id'), ['stall_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_rapid_test_tested_at'), ['tested_at'], unique=False)

    op.create_table('alert',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('severity', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('title', sa.String(length=256), nullable=False),
    sa.Column('camera_id', sa.Integer(), nullable=True),
    sa.Column('business_id', sa.Integer(), nullable=True),
    sa.Column('vehicle_id', sa.Integer(), nullable=True),
    sa.Column('market_id', sa.Integer(), nullable=True),
    sa.Column('rapid_test_id', sa.Integer(), nullable=True),
    sa.Column('district_id', sa.Integer(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('raised_at', core.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ended_at', core.db.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('updated_at', core.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('box', sa.JSON(), nullable=True),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.Column('dedup_key', sa.String(length=96), nullable=True),
    sa.Column('claimed_by', sa.String(length=64), nullable=True),
    sa.Column('claimed_at', core.db.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('assignee', sa.String(length=64), nullable=True),
    sa.Column('dismiss_reason', sa.Text(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['business_id'], ['business.id'], name=op.f('fk_alert_business_id_business')),
    sa.ForeignKeyConstraint(['camera_id'], ['camera.id'], name=op.f('fk_alert_camera_id_camera')),
    sa.ForeignKeyConstraint(['district_id'], ['district.id'], name=op.f('fk_alert_district_id_district')),
    sa.ForeignKeyConstraint(['market_id'], ['market.id'], name=op.f('fk_alert_market_id_market')),
    sa.ForeignKeyConstraint(['rapid_test_id'], ['rapid_test.id'], name=op.f('fk_alert_rapid_test_id_rapid_test')),
    sa.ForeignKeyConstraint(['vehicle_id'], ['vehicle.id'], name=op.f('fk_alert_vehicle_id_vehicle')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alert'))
    )
    with op.batch_alter_table('alert', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alert_business_id'), ['business_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_alert_camera_id'), ['camera_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_alert_dedup_key'), ['dedup_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_alert_district_id'), ['district_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_alert_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_alert_market_id'), ['market_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_alert_raised_at'), ['raised_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_alert_rapid_test_id'), ['rapid_test_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_alert_severity'), ['severity'], unique=False)
        batch_op.create_index(batch_op.f('ix_alert_source'), ['source'], unique=False)
        batch_op.create_index(batch_op.f('ix_alert_state'), ['state'], unique=False)
        batch_op.create_index(batch_op.f('ix_alert_vehicle_id'), ['vehicle_id'], unique=False)

    op.create_table('alert_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('alert_id', sa.Integer(), nullable=False),
    sa.Column('at', core.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=24), nullable=False),
    sa.Column('from_state', sa.String(length=16), nullable=True),
    sa.Column('to_state', sa.String(length=16), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['alert_id'], ['alert.id'], name=op.f('fk_alert_event_alert_id_alert'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alert_event'))
    )
    with op.batch_alter_table('alert_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alert_event_alert_id'), ['alert_id'], unique=False)

    op.create_table('alert_media',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('alert_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('mime', sa.String(length=32), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', core.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['alert_id'], ['alert.id'], name=op.f('fk_alert_media_alert_id_alert'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alert_media'))
    )
    with op.batch_alter_table('alert_media', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alert_media_alert_id'), ['alert_id'], unique=False)

    op.create_table('dispatch_task',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('priority', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=256), nullable=False),
    sa.Column('alert_id', sa.Integer(), nullable=True),
    sa.Column('business_id', sa.Integer(), nullable=True),
    sa.Column('market_id', sa.Integer(), nullable=True),
    sa.Column('rapid_test_id', sa.Integer(), nullable=True),
    sa.Column('inspector_id', sa.Integer(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('created_at', core.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('due_at', core.db.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('updated_at', core.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('done_at', core.db.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['alert_id'], ['alert.id'], name=op.f('fk_dispatch_task_alert_id_alert')),
    sa.ForeignKeyConstraint(['business_id'], ['business.id'], name=op.f('fk_dispatch_task_business_id_business')),
    sa.ForeignKeyConstraint(['inspector_id'], ['inspector.id'], name=op.f('fk_dispatch_task_inspector_id_inspector')),
    sa.ForeignKeyConstraint(['market_id'], ['market.id'], name=op.f('fk_dispatch_task_market_id_market')),
    sa.ForeignKeyConstraint(['rapid_test_id'], ['rapid_test.id'], name=op.f('fk_dispatch_task_rapid_test_id_rapid_test')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dispatch_task'))
    )
    with op.batch_alter_table('dispatch_task', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dispatch_task_alert_id'), ['alert_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dispatch_task_business_id'), ['business_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dispatch_task_due_at'), ['due_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_dispatch_task_inspector_id'), ['inspector_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dispatch_task_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_dispatch_task_market_id'), ['market_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dispatch_task_rapid_test_id'), ['rapid_test_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dispatch_task_state'), ['state'], unique=False)

    if postgres:
        # Real spatial indexes: GiST on the polygons, and on the points as PostGIS points, so
        # ST_DWithin / ST_Intersects queries on lon/lat columns use an index without a second copy.
        for table in GEOMETRY_TABLES:
            op.execute(f"CREATE INDEX ix_{table}_geom_gist ON {table} USING gist (geom)")
        for table in POINT_TABLES:
            op.execute(
                f"CREATE INDEX ix_{table}_point_gist ON {table} "
                f"USING gist ((ST_SetSRID(ST_MakePoint(lon, lat), 4326)))"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in GEOMETRY_TABLES:
            op.execute(f"DROP INDEX IF EXISTS ix_{table}_geom_gist")
        for table in POINT_TABLES:
            op.execute(f"DROP INDEX IF EXISTS ix_{table}_point_gist")
    with op.batch_alter_table('dispatch_task', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dispatch_task_state'))
        batch_op.drop_index(batch_op.f('ix_dispatch_task_rapid_test_id'))
        batch_op.drop_index(batch_op.f('ix_dispatch_task_market_id'))
        batch_op.drop_index(batch_op.f('ix_dispatch_task_kind'))
        batch_op.drop_index(batch_op.f('ix_dispatch_task_inspector_id'))
        batch_op.drop_index(batch_op.f('ix_dispatch_task_due_at'))
        batch_op.drop_index(batch_op.f('ix_dispatch_task_business_id'))
        batch_op.drop_index(batch_op.f('ix_dispatch_task_alert_id'))

    op.drop_table('dispatch_task')
    with op.batch_alter_table('alert_media', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_alert_media_alert_id'))

    op.drop_table('alert_media')
    with op.batch_alter_table('alert_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_alert_event_alert_id'))

    op.drop_table('alert_event')
    with op.batch_alter_table('alert', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_alert_vehicle_id'))
        batch_op.drop_index(batch_op.f('ix_alert_state'))
        batch_op.drop_index(batch_op.f('ix_alert_source'))
        batch_op.drop_index(batch_op.f('ix_alert_severity'))
        batch_op.drop_index(batch_op.f('ix_alert_rapid_test_id'))
        batch_op.drop_index(batch_op.f('ix_alert_raised_at'))
        batch_op.drop_index(batch_op.f('ix_alert_market_id'))
        batch_op.drop_index(batch_op.f('ix_alert_kind'))
        batch_op.drop_index(batch_op.f('ix_alert_district_id'))
        batch_op.drop_index(batch_op.f('ix_alert_dedup_key'))
        batch_op.drop_index(batch_op.f('ix_alert_camera_id'))
        batch_op.drop_index(batch_op.f('ix_alert_business_id'))

    op.drop_table('alert')
    with op.batch_alter_table('rapid_test', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rapid_test_tested_at'))
        batch_op.drop_index(batch_op.f('ix_rapid_test_stall_id'))
        batch_op.drop_index(batch_op.f('ix_rapid_test_result'))
        batch_op.drop_index('ix_rapid_test_market_time')
        batch_op.drop_index(batch_op.f('ix_rapid_test_lab_id'))
        batch_op.drop_index(batch_op.f('ix_rapid_test_item'))
        batch_op.drop_index(batch_op.f('ix_rapid_test_category'))

    op.drop_table('rapid_test')
    with op.batch_alter_table('violation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_violation_inspection_id'))

    op.drop_table('violation')
    with op.batch_alter_table('vehicle_ledger', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vehicle_ledger_vehicle_id'))

    op.drop_table('vehicle_ledger')
    with op.batch_alter_table('vehicle_check', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vehicle_check_vehicle_id'))

    op.drop_table('vehicle_check')
    with op.batch_alter_table('test_lab', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_test_lab_vehicle_id'))
        batch_op.drop_index(batch_op.f('ix_test_lab_market_id'))
        batch_op.drop_index(batch_op.f('ix_test_lab_district_id'))

    op.drop_table('test_lab')
    with op.batch_alter_table('position', schema=None) as batch_op:
        batch_op.drop_index('ix_position_vehicle_time')

    op.drop_table('position')
    with op.batch_alter_table('detector_threshold', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_detector_threshold_camera_id'))

    op.drop_table('detector_threshold')
    with op.batch_alter_table('certificate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certificate_vehicle_id'))
        batch_op.drop_index(batch_op.f('ix_certificate_kind'))
        batch_op.drop_index(batch_op.f('ix_certificate_expires'))
        batch_op.drop_index(batch_op.f('ix_certificate_business_id'))

    op.drop_table('certificate')
    with op.batch_alter_table('catering_job', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_catering_job_vehicle_id'))
        batch_op.drop_index(batch_op.f('ix_catering_job_day'))

    op.drop_table('catering_job')
    with op.batch_alter_table('vehicle', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vehicle_kind'))
        batch_op.drop_index(batch_op.f('ix_vehicle_district_id'))
        batch_op.drop_index(batch_op.f('ix_vehicle_business_id'))

    op.drop_table('vehicle')
    op.drop_table('star_rating')
    with op.batch_alter_table('star_proposal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_star_proposal_state'))
        batch_op.drop_index(batch_op.f('ix_star_proposal_business_id'))

    op.drop_table('star_proposal')
    with op.batch_alter_table('star_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_star_change_business_id'))
        batch_op.drop_index(batch_op.f('ix_star_change_at'))

    op.drop_table('star_change')
    with op.batch_alter_table('stall', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stall_zone_id'))
        batch_op.drop_index(batch_op.f('ix_stall_market_id'))
        batch_op.drop_index('ix_stall_lonlat')

    op.drop_table('stall')
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspection_inspector_id'))
        batch_op.drop_index(batch_op.f('ix_inspection_business_id'))
        batch_op.drop_index(batch_op.f('ix_inspection_at'))

    op.drop_table('inspection')
    with op.batch_alter_table('camera', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_camera_state'))
        batch_op.drop_index('ix_camera_lonlat')
        batch_op.drop_index(batch_op.f('ix_camera_lease_owner'))
        batch_op.drop_index(batch_op.f('ix_camera_business_id'))

    op.drop_table('camera')
    with op.batch_alter_table('vendor_zone', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vendor_zone_district_id'))

    op.drop_table('vendor_zone')
    with op.batch_alter_table('market', schema=None) as batch_op:
        batch_op.drop_index('ix_market_lonlat')
        batch_op.drop_index(batch_op.f('ix_market_kind'))
        batch_op.drop_index(batch_op.f('ix_market_district_id'))

    op.drop_table('market')
    with op.batch_alter_table('inspector', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspector_status'))
        batch_op.drop_index(batch_op.f('ix_inspector_district_id'))

    op.drop_table('inspector')
    with op.batch_alter_table('business', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_business_stars'))
        batch_op.drop_index(batch_op.f('ix_business_risk_grade'))
        batch_op.drop_index(batch_op.f('ix_business_name'))
        batch_op.drop_index('ix_business_lonlat')
        batch_op.drop_index(batch_op.f('ix_business_kind'))
        batch_op.drop_index(batch_op.f('ix_business_district_id'))

    op.drop_table('business')
    op.drop_table('meta')
    op.drop_table('district')
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_change_log_entity'))

    op.drop_table('change_log')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_event_entity'))
        batch_op.drop_index(batch_op.f('ix_audit_event_at'))
        batch_op.drop_index(batch_op.f('ix_audit_event_action'))

    op.drop_table('audit_event')
    op.drop_table('app_user')
