"""What rapid-test rooms test: categories, products and test items, with limits and units.

Values follow the common Chinese rapid-test methods: enzyme inhibition for organophosphate and
carbamate pesticides (inhibition rate %, ≥ 50 % is positive), colloidal-gold strips for
veterinary drugs (reported as µg/kg against the strip's detection limit), colorimetric kits for
formaldehyde, sulphur dioxide and others.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TestItem:
    code: str
    zh: str
    en: str
    unit: str
    limit: float
    typical: float  # a typical passing value, for demo data
    __test__ = False


ITEMS: dict[str, TestItem] = {i.code: i for i in (
    TestItem("op_carbamate", "有机磷和氨基甲酸酯类农药", "Organophosphate & carbamate pesticides", "%", 50.0, 12.0),
    TestItem("clenbuterol", "克伦特罗", "Clenbuterol", "µg/kg", 0.5, 0.05),
    TestItem("ractopamine", "莱克多巴胺", "Ractopamine", "µg/kg", 0.5, 0.05),
    TestItem("salbutamol", "沙丁胺醇", "Salbutamol", "µg/kg", 0.5, 0.05),
    TestItem("malachite_green", "孔雀石绿", "Malachite green", "µg/kg", 2.0, 0.2),
    TestItem("formaldehyde", "甲醛", "Formaldehyde", "mg/kg", 10.0, 1.5),
    TestItem("sulphur_dioxide", "二氧化硫", "Sulphur dioxide", "g/kg", 0.1, 0.01),
    TestItem("enrofloxacin", "恩诺沙星", "Enrofloxacin", "µg/kg", 100.0, 8.0),
    TestItem("aflatoxin_b1", "黄曲霉毒素B1", "Aflatoxin B1", "µg/kg", 5.0, 0.6),
    TestItem("nitrite", "亚硝酸盐", "Nitrite", "mg/kg", 30.0, 4.0),
)}

CATEGORY_ZH = {
    "vegetables": "蔬菜", "fruit": "水果", "meat": "畜禽肉", "aquatic": "水产品", "eggs": "蛋类",
    "grain": "粮食及制品", "soy": "豆制品", "other": "其他",
}
CATEGORY_EN = {
    "vegetables": "Vegetables", "fruit": "Fruit", "meat": "Meat", "aquatic": "Aquatic products",
    "eggs": "Eggs", "grain": "Grain products", "soy": "Soy products", "other": "Other",
}

# Products sampled per category, with the items tested on them and a relative risk (demo weights:
# leafy and legume vegetables are the usual pesticide failures; cowpeas and chives above all).
PRODUCTS: dict[str, list[tuple[str, tuple[str, ...], float]]] = {
    "vegetables": [
        ("韭菜", ("op_carbamate",), 4.0), ("豇豆", ("op_carbamate",), 4.0), ("芹菜", ("op_carbamate",), 3.0),
        ("菠菜", ("op_carbamate",), 2.0), ("小白菜", ("op_carbamate",), 2.0), ("油麦菜", ("op_carbamate",), 1.5),
        ("黄瓜", ("op_carbamate",), 1.0), ("西红柿", ("op_carbamate",), 0.6), ("茄子", ("op_carbamate",), 0.8),
        ("青椒", ("op_carbamate",), 1.0), ("大白菜", ("op_carbamate",), 0.5), ("土豆", ("op_carbamate",), 0.2),
        ("胡萝卜", ("op_carbamate",), 0.3), ("生菜", ("op_carbamate",), 1.5), ("香菜", ("op_carbamate",), 2.5),
    ],
    "fruit": [
        ("苹果", ("op_carbamate",), 0.4), ("葡萄", ("op_carbamate",), 1.2), ("草莓", ("op_carbamate",), 1.5),
        ("梨", ("op_carbamate",), 0.4), ("桃", ("op_carbamate",), 0.8), ("西瓜", ("op_carbamate",), 0.2),
    ],
    "meat": [
        ("猪肉", ("clenbuterol", "ractopamine", "salbutamol"), 1.0), ("牛肉", ("clenbuterol", "ractopamine"), 0.8),
        ("羊肉", ("clenbuterol", "ractopamine"), 1.2), ("猪肝", ("clenbuterol", "salbutamol"), 1.5),
        ("鸡肉", ("enrofloxacin",), 1.0),
    ],
    "aquatic": [
        ("草鱼", ("malachite_green", "enrofloxacin"), 1.5), ("鲤鱼", ("malachite_green",), 1.2),
        ("虾", ("formaldehyde",), 1.0), ("鱿鱼", ("formaldehyde",), 1.8), ("鲫鱼", ("malachite_green",), 1.0),
    ],
    "eggs": [("鸡蛋", ("enrofloxacin",), 0.6), ("鸭蛋", ("enrofloxacin",), 0.6)],
    "grain": [("花生", ("aflatoxin_b1",), 1.0), ("玉米面", ("aflatoxin_b1",), 0.8), ("粉条", ("sulphur_dioxide",), 1.2)],
    "soy": [("豆腐", ("sulphur_dioxide",), 0.6), ("腐竹", ("sulphur_dioxide", "formaldehyde"), 1.5)],
    "other": [("腌菜", ("nitrite",), 1.5), ("银耳", ("sulphur_dioxide",), 1.5)],
}

# Share of daily samples per category at a farmers' market.
CATEGORY_SHARE = {
    "vegetables": 0.46, "fruit": 0.12, "meat": 0.16, "aquatic": 0.08, "eggs": 0.05,
    "grain": 0.05, "soy": 0.05, "other": 0.03,
}

DISPOSALS = ("destroyed", "returned", "sealed", "recalled")
DISPOSAL_ZH = {"destroyed": "销毁", "returned": "退市", "sealed": "封存", "recalled": "召回"}


def item(code: str) -> TestItem:
    try:
        return ITEMS[code]
    except KeyError:
        raise KeyError(f"unknown test item {code!r}; known: {', '.join(ITEMS)}") from None


def item_by_name(name: str) -> TestItem | None:
    """Look an item up by code, Chinese or English name (as lab files write them)."""
    key = name.strip()
    for it in ITEMS.values():
        if key in (it.code, it.zh, it.en) or key.lower() == it.en.lower():
            return it
    return None


def category_by_name(name: str) -> str | None:
    key = name.strip()
    for code in CATEGORY_ZH:
        if key in (code, CATEGORY_ZH[code]) or key.lower() == CATEGORY_EN[code].lower():
            return code
    return "aquatic" if key.lower() in ("aquatic products", "seafood") else None
