<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AlertDetailView</name>
    <message>
        <source>No snapshot</source>
        <translation>无抓拍图</translation>
    </message>
    <message>
        <source>Reset Threshold</source>
        <translation>恢复默认阈值</translation>
    </message>
    <message>
        <source>Confirm (C)</source>
        <translation>确认 (C)</translation>
    </message>
    <message>
        <source>Dismiss (D)</source>
        <translation>驳回 (D)</translation>
    </message>
    <message>
        <source>Escalate (E)</source>
        <translation>升级 (E)</translation>
    </message>
    <message>
        <source>Assign (A)</source>
        <translation>指派 (A)</translation>
    </message>
    <message>
        <source>Note (N)</source>
        <translation>备注 (N)</translation>
    </message>
    <message>
        <source>Order Rectification</source>
        <translation>责令整改</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>退回队列</translation>
    </message>
    <message>
        <source>Open Camera Live</source>
        <translation>打开实时画面</translation>
    </message>
    <message>
        <source>Show on the Map</source>
        <translation>在地图上显示</translation>
    </message>
    <message>
        <source>Export Snapshot…</source>
        <translation>导出抓拍图…</translation>
    </message>
    <message>
        <source>Export Clip…</source>
        <translation>导出视频片段…</translation>
    </message>
    <message>
        <source>Copy Snapshot</source>
        <translation>复制抓拍图</translation>
    </message>
    <message>
        <source>The place</source>
        <translation>所在单位</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>处理时间线</translation>
    </message>
    <message>
        <source>Pick an alert in the queue (J/K) to see it here.</source>
        <translation>在队列中选择一条告警（J/K）即可在此查看。</translation>
    </message>
    <message>
        <source>score %1</source>
        <translation>置信度 %1</translation>
    </message>
    <message>
        <source>seen %1 more times</source>
        <translation>又出现 %1 次</translation>
    </message>
    <message>
        <source>held by %1</source>
        <translation>%1 正在审核</translation>
    </message>
    <message>
        <source>assigned to %1</source>
        <translation>已指派给 %1</translation>
    </message>
    <message>
        <source>Threshold for %1 on this camera: %2 (default %3)</source>
        <translation>本摄像头“%1”告警阈值：%2（默认 %3）</translation>
    </message>
    <message>
        <source>— raised by %1 dismissal(s)</source>
        <translation>—— 因 %1 次误报驳回而提高</translation>
    </message>
    <message>
        <source>risk grade %1</source>
        <translation>风险等级 %1</translation>
    </message>
</context>
<context>
    <name>AlertModel</name>
    <message>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Camera / vehicle</source>
        <translation>摄像头 / 车辆</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>告警时间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>held by %1</source>
        <translation>%1 正在审核</translation>
    </message>
    <message>
        <source>assigned to %1</source>
        <translation>已指派给 %1</translation>
    </message>
    <message>
        <source>ongoing</source>
        <translation>持续中</translation>
    </message>
</context>
<context>
    <name>AlertQueue</name>
    <message>
        <source>J/K move · Shift+J/K select several · C confirm · D dismiss · E escalate · A assign · N note · Enter open</source>
        <translation>J/K 上下移动 · Shift+J/K 多选 · C 确认 · D 驳回 · E 升级 · A 指派 · N 备注 · Enter 打开</translation>
    </message>
    <message>
        <source>Read-only: only a supervisor can review alerts. J/K move · Enter open</source>
        <translation>只读：仅监管人员可审核告警。J/K 上下移动 · Enter 打开</translation>
    </message>
    <message>
        <source>Only a supervisor can review alerts</source>
        <translation>仅监管人员可审核告警</translation>
    </message>
    <message>
        <source>Why is this a false alarm? (%1 alert(s))</source>
        <translation>为何判定为误报？（%1 条告警）</translation>
    </message>
    <message>
        <source>A dismissal needs a reason</source>
        <translation>驳回需要填写原因</translation>
    </message>
    <message>
        <source>Type a digit or your own words, Enter to dismiss, Esc to cancel</source>
        <translation>输入序号或自行填写，Enter 驳回，Esc 取消</translation>
    </message>
    <message>
        <source>Assign %1 alert(s) to:</source>
        <translation>将 %1 条告警指派给：</translation>
    </message>
    <message>
        <source>Whom to assign it to?</source>
        <translation>指派给谁？</translation>
    </message>
    <message>
        <source>Enter to assign, Esc to cancel</source>
        <translation>Enter 指派，Esc 取消</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>The note is empty</source>
        <translation>备注为空</translation>
    </message>
    <message>
        <source>Enter to add it to the timeline, Esc to cancel</source>
        <translation>Enter 记入时间线，Esc 取消</translation>
    </message>
    <message>
        <source>%1 alert(s)</source>
        <translation>%1 条告警</translation>
    </message>
</context>
<context>
    <name>AlertWords</name>
    <message>
        <source>Lens covered</source>
        <translation>摄像头被遮挡</translation>
    </message>
    <message>
        <source>Picture blurred</source>
        <translation>画面模糊</translation>
    </message>
    <message>
        <source>Picture frozen</source>
        <translation>画面冻结</translation>
    </message>
    <message>
        <source>Signal lost</source>
        <translation>视频信号丢失</translation>
    </message>
    <message>
        <source>Motion after hours</source>
        <translation>非营业时间后厨活动</translation>
    </message>
    <message>
        <source>Camera offline</source>
        <translation>摄像头离线</translation>
    </message>
    <message>
        <source>No hat</source>
        <translation>未戴工作帽</translation>
    </message>
    <message>
        <source>No mask</source>
        <translation>未戴口罩</translation>
    </message>
    <message>
        <source>Smoking</source>
        <translation>吸烟</translation>
    </message>
    <message>
        <source>Phone in the kitchen</source>
        <translation>后厨玩手机</translation>
    </message>
    <message>
        <source>Rodent</source>
        <translation>鼠患</translation>
    </message>
    <message>
        <source>Undeclared banquet venue</source>
        <translation>未申报宴席地点</translation>
    </message>
    <message>
        <source>Outside hours</source>
        <translation>非营业时段运行</translation>
    </message>
    <message>
        <source>Expired certificate</source>
        <translation>证照过期</translation>
    </message>
    <message>
        <source>Near a school</source>
        <translation>进入学校周边</translation>
    </message>
    <message>
        <source>In a closed vendor zone</source>
        <translation>摊区非开放时段停留</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新告警</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>审核中</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Dismissed</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Rectification ordered</source>
        <translation>已责令整改</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>Rapid test</source>
        <translation>快检</translation>
    </message>
    <message>
        <source>Inspection</source>
        <translation>监督检查</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>raised</source>
        <translation>发出告警</translation>
    </message>
    <message>
        <source>took it into review</source>
        <translation>接手审核</translation>
    </message>
    <message>
        <source>released</source>
        <translation>退回队列</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>dismissed</source>
        <translation>已排除</translation>
    </message>
    <message>
        <source>escalated</source>
        <translation>升级</translation>
    </message>
    <message>
        <source>assigned</source>
        <translation>指派</translation>
    </message>
    <message>
        <source>noted</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>ordered rectification</source>
        <translation>责令整改</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Steam or smoke from cooking</source>
        <translation>烹饪产生的蒸汽或油烟</translation>
    </message>
    <message>
        <source>Staff cleaning the camera</source>
        <translation>员工正在清洁摄像头</translation>
    </message>
    <message>
        <source>Lights switched on or off</source>
        <translation>开关灯造成</translation>
    </message>
    <message>
        <source>Test of the camera</source>
        <translation>摄像头测试</translation>
    </message>
    <message>
        <source>Picture is fine on inspection</source>
        <translation>核查画面正常</translation>
    </message>
</context>
<context>
    <name>AlertsPanel</name>
    <message>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Alerts of This Camera</source>
        <translation>本摄像头的告警</translation>
    </message>
    <message>
        <source>Alerts (%1)</source>
        <translation>告警（%1）</translation>
    </message>
    <message>
        <source>New alert: %1 — %2</source>
        <translation>新告警：%1 —— %2</translation>
    </message>
    <message>
        <source>star given</source>
        <translation>授星</translation>
    </message>
    <message>
        <source>star taken</source>
        <translation>摘星</translation>
    </message>
    <message>
        <source>Alerts could not be read: %1</source>
        <translation>无法读取告警：%1</translation>
    </message>
    <message>
        <source>No video wall in this window</source>
        <translation>此窗口没有视频墙</translation>
    </message>
    <message>
        <source>Pictures (*.jpg *.png)</source>
        <translation>图片 (*.jpg *.png)</translation>
    </message>
    <message>
        <source>MP4 video (*.mp4)</source>
        <translation>MP4 视频 (*.mp4)</translation>
    </message>
    <message>
        <source>Export (faces blurred)</source>
        <translation>导出（人脸已模糊）</translation>
    </message>
    <message>
        <source>Blurring faces and writing %1…</source>
        <translation>正在模糊人脸并写入 %1…</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <source>Exported with faces blurred: %1</source>
        <translation>已导出（人脸已模糊）：%1</translation>
    </message>
    <message>
        <source>Snapshot copied with faces blurred</source>
        <translation>已复制抓拍图（人脸已模糊）</translation>
    </message>
</context>
<context>
    <name>Basemaps</name>
    <message>
        <source>&amp;Offline Map (Districts)</source>
        <translation>离线地图（行政区）(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;OpenStreetMap</source>
        <translation>OpenStreetMap(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Tianditu</source>
        <translation>天地图(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;AMap (GCJ-02)</source>
        <translation>高德地图（GCJ-02）(&amp;A)</translation>
    </message>
    <message>
        <source>Local &amp;MBTiles File…</source>
        <translation>本地 MBTiles 文件(&amp;M)…</translation>
    </message>
    <message>
        <source>Tianditu &amp;Key…</source>
        <translation>天地图密钥(&amp;K)…</translation>
    </message>
    <message>
        <source>Open MBTiles &amp;File…</source>
        <translation>打开 MBTiles 文件(&amp;F)…</translation>
    </message>
    <message>
        <source>Basemap not changed: %1</source>
        <translation>底图未更改：%1</translation>
    </message>
    <message>
        <source>Tianditu needs a key (View → Basemap → Tianditu Key…)</source>
        <translation>天地图需要密钥（视图 → 底图 → 天地图密钥…）</translation>
    </message>
    <message>
        <source>Open MBTiles File</source>
        <translation>打开 MBTiles 文件</translation>
    </message>
    <message>
        <source>MBTiles (*.mbtiles);;All files (*)</source>
        <translation>MBTiles 文件 (*.mbtiles);;所有文件 (*)</translation>
    </message>
    <message>
        <source>no MBTiles file chosen</source>
        <translation>未选择 MBTiles 文件</translation>
    </message>
    <message>
        <source>Tianditu Key</source>
        <translation>天地图密钥</translation>
    </message>
    <message>
        <source>Tianditu API key (from console.tianditu.gov.cn):</source>
        <translation>天地图 API 密钥（在 console.tianditu.gov.cn 申请）：</translation>
    </message>
    <message>
        <source>Basemap: %1</source>
        <translation>底图：%1</translation>
    </message>
    <message>
        <source>Basemap: offline</source>
        <translation>底图：离线</translation>
    </message>
    <message>
        <source>Basemap %1 unavailable: showing the offline map</source>
        <translation>底图 %1 不可用：显示离线地图</translation>
    </message>
    <message>
        <source>Basemap %1 unavailable (%2); the map keeps working offline</source>
        <translation>底图 %1 不可用（%2）；地图仍可离线使用</translation>
    </message>
</context>
<context>
    <name>BusinessCard</name>
    <message>
        <source>No business chosen</source>
        <translation>未选择单位</translation>
    </message>
    <message>
        <source>Show on map</source>
        <translation>在地图上显示</translation>
    </message>
    <message>
        <source>Why? (shown in the public history)</source>
        <translation>原因（将显示在公开记录中）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Star</source>
        <translation>星级</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>By</source>
        <translation>检查人</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Risk grade, and why</source>
        <translation>风险等级及依据</translation>
    </message>
    <message>
        <source>Star history</source>
        <translation>星级变化记录</translation>
    </message>
    <message>
        <source>Licence %1</source>
        <translation>许可证 %1</translation>
    </message>
    <message>
        <source>%1 proposal(s) waiting</source>
        <translation>%1 条建议待处理</translation>
    </message>
    <message>
        <source>Risk %1</source>
        <translation>风险 %1</translation>
    </message>
    <message>
        <source>Nothing on record raises the risk.</source>
        <translation>无提高风险等级的记录。</translation>
    </message>
    <message>
        <source>given</source>
        <translation>授予</translation>
    </message>
    <message>
        <source>taken away</source>
        <translation>摘除</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>未授予</translation>
    </message>
    <message>
        <source>Give %1:</source>
        <translation>授予%1：</translation>
    </message>
    <message>
        <source>Take away %1:</source>
        <translation>摘除%1：</translation>
    </message>
    <message>
        <source>A reason is required</source>
        <translation>必须填写原因</translation>
    </message>
</context>
<context>
    <name>CameraTree</name>
    <message>
        <source>Find a camera, business or district…</source>
        <translation>查找摄像头、单位或区域…</translation>
    </message>
    <message>
        <source>Drag cameras onto the wall, or press Enter</source>
        <translation>将摄像头拖到视频墙上，或按 Enter</translation>
    </message>
    <message>
        <source>%1 cameras</source>
        <translation>%1 个摄像头</translation>
    </message>
</context>
<context>
    <name>CameraTreeModel</name>
    <message>
        <source>No district</source>
        <translation>未划分区域</translation>
    </message>
    <message>
        <source>No business</source>
        <translation>无所属单位</translation>
    </message>
    <message>
        <source>%1 offline</source>
        <translation>%1 个离线</translation>
    </message>
</context>
<context>
    <name>CamerasPanel</name>
    <message>
        <source>Show on the Map</source>
        <translation>在地图上显示</translation>
    </message>
    <message>
        <source>Find in the Camera Tree</source>
        <translation>在摄像头列表中定位</translation>
    </message>
    <message>
        <source>Video wall</source>
        <translation>视频墙</translation>
    </message>
    <message>
        <source>Cameras</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>&amp;Video Wall</source>
        <translation>视频墙(&amp;V)</translation>
    </message>
    <message>
        <source>Open Camera on the Video Wall</source>
        <translation>在视频墙上打开此摄像头</translation>
    </message>
    <message>
        <source>Open the Restaurant&apos;s Cameras on the Video Wall</source>
        <translation>在视频墙上打开该餐饮单位的摄像头</translation>
    </message>
    <message>
        <source>Open Cameras</source>
        <translation>打开摄像头</translation>
    </message>
    <message>
        <source>Open on the Video Wall</source>
        <translation>在视频墙上打开</translation>
    </message>
    <message>
        <source>This camera has no place on the map</source>
        <translation>此摄像头没有地图位置</translation>
    </message>
    <message>
        <source>Cameras could not be read: %1</source>
        <translation>无法读取摄像头：%1</translation>
    </message>
    <message>
        <source>This business has no kitchen camera</source>
        <translation>该单位没有后厨摄像头</translation>
    </message>
    <message>
        <source>That camera is not in the camera list</source>
        <translation>摄像头列表中没有该摄像头</translation>
    </message>
</context>
<context>
    <name>CityDashboard</name>
    <message>
        <source>Samples today</source>
        <translation>今日检测批次</translation>
    </message>
    <message>
        <source>Pass rate today</source>
        <translation>今日合格率</translation>
    </message>
    <message>
        <source>Markets with failures today</source>
        <translation>今日有不合格的市场</translation>
    </message>
    <message>
        <source>Overdue re-tests</source>
        <translation>逾期未复检</translation>
    </message>
    <message>
        <source>Pass rate by district</source>
        <translation>各区合格率</translation>
    </message>
    <message>
        <source>Failures by test item, per day</source>
        <translation>每日不合格批次（按检测项目）</translation>
    </message>
    <message>
        <source>Failures by test item</source>
        <translation>不合格批次（按检测项目）</translation>
    </message>
    <message>
        <source>failures</source>
        <translation>不合格批次</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>Window %1: %2</source>
        <translation>时段 %1：%2</translation>
    </message>
    <message>
        <source>Window: %1</source>
        <translation>时段：%1</translation>
    </message>
    <message>
        <source> and %1 more</source>
        <translation>，另有 %1 家</translation>
    </message>
    <message>
        <source>None today</source>
        <translation>今日无</translation>
    </message>
    <message>
        <source>Past their due time</source>
        <translation>已过复检期限</translation>
    </message>
    <message>
        <source>Window %1: %2 samples, pass rate %3, %4 market(s) with failures</source>
        <translation>时段 %1：检测 %2 批次，合格率 %3，%4 个市场有不合格</translation>
    </message>
    <message>
        <source>Other items</source>
        <translation>其他项目</translation>
    </message>
</context>
<context>
    <name>CityLayers</name>
    <message>
        <source>Mobile test vehicle (last position)</source>
        <translation>流动快检车（最后位置）</translation>
    </message>
    <message>
        <source>Districts</source>
        <translation>行政区</translation>
    </message>
    <message>
        <source>Vendor zones</source>
        <translation>摊贩疏导区</translation>
    </message>
    <message>
        <source>Stalls</source>
        <translation>摊位</translation>
    </message>
    <message>
        <source>Restaurants and canteens</source>
        <translation>餐馆与食堂</translation>
    </message>
    <message>
        <source>Kitchen cameras</source>
        <translation>后厨摄像头</translation>
    </message>
    <message>
        <source>Markets</source>
        <translation>市场</translation>
    </message>
    <message>
        <source>Test rooms and test vehicles</source>
        <translation>快检室与快检车</translation>
    </message>
</context>
<context>
    <name>ClipPlayer</name>
    <message>
        <source>No clip</source>
        <translation>无视频片段</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
</context>
<context>
    <name>DetailsText</name>
    <message>
        <source>Restaurant</source>
        <translation>餐馆</translation>
    </message>
    <message>
        <source>Small eatery</source>
        <translation>小餐饮</translation>
    </message>
    <message>
        <source>School canteen</source>
        <translation>学校食堂</translation>
    </message>
    <message>
        <source>Kindergarten canteen</source>
        <translation>幼儿园食堂</translation>
    </message>
    <message>
        <source>Workplace canteen</source>
        <translation>单位食堂</translation>
    </message>
    <message>
        <source>Food workshop</source>
        <translation>食品小作坊</translation>
    </message>
    <message>
        <source>Supermarket</source>
        <translation>超市</translation>
    </message>
    <message>
        <source>Mobile banquet catering</source>
        <translation>流动餐车</translation>
    </message>
    <message>
        <source>Farmers&apos; market</source>
        <translation>农贸市场</translation>
    </message>
    <message>
        <source>Collective market</source>
        <translation>集贸市场</translation>
    </message>
    <message>
        <source>Convenience market</source>
        <translation>便民市场</translation>
    </message>
    <message>
        <source>Rapid-test room</source>
        <translation>快检室</translation>
    </message>
    <message>
        <source>Mobile test vehicle</source>
        <translation>流动快检车</translation>
    </message>
    <message>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>stalled (no new frames)</source>
        <translation>画面停滞</translation>
    </message>
    <message>
        <source>not yet seen</source>
        <translation>尚未上线</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>rectification ordered</source>
        <translation>责令整改</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新告警</translation>
    </message>
    <message>
        <source>in review</source>
        <translation>审核中</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>dismissed</source>
        <translation>已排除</translation>
    </message>
    <message>
        <source>rectification</source>
        <translation>整改中</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>No hat</source>
        <translation>未戴工作帽</translation>
    </message>
    <message>
        <source>No mask</source>
        <translation>未戴口罩</translation>
    </message>
    <message>
        <source>Smoking</source>
        <translation>吸烟</translation>
    </message>
    <message>
        <source>Phone in the kitchen</source>
        <translation>后厨玩手机</translation>
    </message>
    <message>
        <source>Rodent</source>
        <translation>鼠患</translation>
    </message>
    <message>
        <source>Motion after hours</source>
        <translation>非营业时间后厨活动</translation>
    </message>
    <message>
        <source>Lens covered</source>
        <translation>摄像头被遮挡</translation>
    </message>
    <message>
        <source>Camera offline</source>
        <translation>摄像头离线</translation>
    </message>
    <message>
        <source>Recent alerts</source>
        <translation>近期告警</translation>
    </message>
    <message>
        <source>No alerts</source>
        <translation>无告警</translation>
    </message>
    <message>
        <source>Rapid tests today</source>
        <translation>今日快检</translation>
    </message>
    <message>
        <source>No tests yet today</source>
        <translation>今日尚无快检</translation>
    </message>
    <message>
        <source>Tests</source>
        <translation>检测</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>合格数</translation>
    </message>
    <message>
        <source>Pass rate</source>
        <translation>合格率</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>Licence no.</source>
        <translation>许可证号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Licence expires</source>
        <translation>许可证有效期至</translation>
    </message>
    <message>
        <source>Legal person</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Bright-kitchen platform</source>
        <translation>明厨亮灶平台</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Stars: %1 of 5</source>
        <translation>星级：%1 / 5</translation>
    </message>
    <message>
        <source>No risk facts recorded</source>
        <translation>无风险记录</translation>
    </message>
    <message>
        <source>Risk grade %1</source>
        <translation>风险等级 %1</translation>
    </message>
    <message>
        <source>Kitchen cameras: %1 of %2 online</source>
        <translation>后厨摄像头：%2 路中 %1 路在线</translation>
    </message>
    <message>
        <source>No kitchen cameras</source>
        <translation>无后厨摄像头</translation>
    </message>
    <message>
        <source>score %1 · %2</source>
        <translation>得分 %1 · %2</translation>
    </message>
    <message>
        <source>Violations: %1</source>
        <translation>违规：%1</translation>
    </message>
    <message>
        <source>Last inspections</source>
        <translation>最近检查</translation>
    </message>
    <message>
        <source>Never inspected</source>
        <translation>从未检查</translation>
    </message>
    <message>
        <source>Risk %1</source>
        <translation>风险 %1</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>市场</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>开办者</translation>
    </message>
    <message>
        <source>Stalls</source>
        <translation>摊位</translation>
    </message>
    <message>
        <source>Rapid-test rooms</source>
        <translation>快检室</translation>
    </message>
    <message>
        <source>Pass %1</source>
        <translation>合格 %1</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>经营时间</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>开放时间</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>开放日</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>open</source>
        <translation>开放中</translation>
    </message>
    <message>
        <source>Vendor zone</source>
        <translation>摊贩疏导区</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>管理人</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… 另有 %1 个</translation>
    </message>
    <message>
        <source>Open now</source>
        <translation>正在开放</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>No stalls</source>
        <translation>无摊位</translation>
    </message>
    <message>
        <source>every day</source>
        <translation>每天</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>持证人</translation>
    </message>
    <message>
        <source>Goods</source>
        <translation>经营品类</translation>
    </message>
    <message>
        <source>Permit no.</source>
        <translation>许可证号</translation>
    </message>
    <message>
        <source>Permit expires</source>
        <translation>许可有效期至</translation>
    </message>
    <message>
        <source>Stall %1</source>
        <translation>摊位 %1</translation>
    </message>
    <message>
        <source>Stall</source>
        <translation>摊位</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>起始时间</translation>
    </message>
    <message>
        <source>Last frame</source>
        <translation>最后画面</translation>
    </message>
    <message>
        <source>Closed hours</source>
        <translation>非营业时段</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Kitchen camera</source>
        <translation>后厨摄像头</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Test lab</source>
        <translation>快检点</translation>
    </message>
    <message>
        <source>Area code</source>
        <translation>行政区划代码</translation>
    </message>
    <message>
        <source>Markets</source>
        <translation>市场</translation>
    </message>
    <message>
        <source>Vendor zones</source>
        <translation>摊贩疏导区</translation>
    </message>
    <message>
        <source>Catering units</source>
        <translation>餐饮单位</translation>
    </message>
    <message>
        <source>School and kindergarten canteens</source>
        <translation>学校及幼儿园食堂</translation>
    </message>
    <message>
        <source>Risk grade D</source>
        <translation>D级风险</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>To review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Rectification ordered</source>
        <translation>已责令整改</translation>
    </message>
    <message>
        <source>Dismissed</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>All open</source>
        <translation>全部未结</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Any severity</source>
        <translation>全部级别</translation>
    </message>
    <message>
        <source>Low and up</source>
        <translation>低及以上</translation>
    </message>
    <message>
        <source>Medium and up</source>
        <translation>中及以上</translation>
    </message>
    <message>
        <source>High and up</source>
        <translation>高及以上</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>All districts</source>
        <translation>全部区域</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>最近 1 小时</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>最近 24 小时</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Camera or vehicle…</source>
        <translation>摄像头或车辆…</translation>
    </message>
</context>
<context>
    <name>FleetLayers</name>
    <message>
        <source>Vehicles</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>Vehicle trails</source>
        <translation>车辆尾迹</translation>
    </message>
</context>
<context>
    <name>HeatmapLayer</name>
    <message>
        <source>{v} per km²</source>
        <translation>{v} 每平方公里</translation>
    </message>
    <message>
        <source>{p}% of the peak</source>
        <translation>峰值的 {p}%</translation>
    </message>
</context>
<context>
    <name>ImportProblems</name>
    <message>
        <source>Rapid-test results not imported</source>
        <translation>快检结果未导入</translation>
    </message>
    <message>
        <source>%1 has %2 bad row(s). Nothing was imported; correct the file and import it again.</source>
        <translation>%1 有 %2 行错误，未导入任何数据；请修改文件后重新导入。</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>LayerPanel</name>
    <message>
        <source>Zoom to layer</source>
        <translation>缩放到图层</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>不透明度</translation>
    </message>
</context>
<context>
    <name>LiveStatus</name>
    <message>
        <source>GPS server</source>
        <translation>GPS 服务</translation>
    </message>
    <message>
        <source>Simulator</source>
        <translation>模拟器</translation>
    </message>
    <message>
        <source>Vision worker</source>
        <translation>视频分析</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>正在启动</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>restarting</source>
        <translation>正在重启</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>%1 vehicles</source>
        <translation>%1 辆车</translation>
    </message>
    <message>
        <source>Live feeds: %1</source>
        <translation>实时数据：%1</translation>
    </message>
    <message>
        <source>(restarted %1 times)</source>
        <translation>（已重启 %1 次）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Food Safety Command Center</source>
        <translation>食品安全指挥中心</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Data</source>
        <translation>数据(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Save &amp;Screenshot…</source>
        <translation>保存截图(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Dark Theme</source>
        <translation>深色主题(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Views</source>
        <translation>工作视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Map</source>
        <translation>地图(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Alerts</source>
        <translation>告警(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Rapid Tests</source>
        <translation>快检(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Cameras</source>
        <translation>摄像头(&amp;C)</translation>
    </message>
    <message>
        <source>Video &amp;Wall</source>
        <translation>视频墙(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Demo data (synthetic)</source>
        <translation>演示数据（合成）</translation>
    </message>
    <message>
        <source>Database in use</source>
        <translation>当前使用的数据库</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>User: %1 (%2)</source>
        <translation>用户：%1（%2）</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>值班员</translation>
    </message>
    <message>
        <source>inspector</source>
        <translation>检查员</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>审核主管</translation>
    </message>
    <message>
        <source>analyst</source>
        <translation>分析员</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Markets %1</source>
        <translation>市场 %1</translation>
    </message>
    <message>
        <source>Vendor zones %1</source>
        <translation>摊区 %1</translation>
    </message>
    <message>
        <source>Stalls %1</source>
        <translation>摊位 %1</translation>
    </message>
    <message>
        <source>Catering units %1</source>
        <translation>餐饮单位 %1</translation>
    </message>
    <message>
        <source>Cameras %1</source>
        <translation>摄像头 %1</translation>
    </message>
    <message>
        <source>Vehicles %1</source>
        <translation>车辆 %1</translation>
    </message>
    <message>
        <source>Open alerts %1</source>
        <translation>待处理告警 %1</translation>
    </message>
    <message>
        <source>Database unreachable: showing the last state, retrying</source>
        <translation>数据库无法连接：显示最后状态，正在重试</translation>
    </message>
    <message>
        <source>%1 change(s) waiting to be saved</source>
        <translation>%1 项操作等待保存</translation>
    </message>
    <message>
        <source>Save Screenshot</source>
        <translation>保存截图</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>Food Safety Command Center
Markets, rapid tests, kitchen cameras, banquet trucks and ratings on one map.</source>
        <translation>食品安全指挥中心
市场快检、明厨亮灶、流动餐车与评星定级，一张图统管。</translation>
    </message>
</context>
<context>
    <name>MapCanvas</name>
    <message>
        <source>double-click to finish</source>
        <translation>双击结束</translation>
    </message>
    <message>
        <source>Basemap unavailable</source>
        <translation>底图不可用</translation>
    </message>
    <message>
        <source>{n} features — click to zoom in</source>
        <translation>{n} 个要素 — 点击放大</translation>
    </message>
    <message>
        <source>Centre map here</source>
        <translation>以此为地图中心</translation>
    </message>
    <message>
        <source>Zoom in here</source>
        <translation>在此放大</translation>
    </message>
    <message>
        <source>Copy coordinates</source>
        <translation>复制坐标</translation>
    </message>
</context>
<context>
    <name>MapPanel</name>
    <message>
        <source>Map Layers</source>
        <translation>地图图层</translation>
    </message>
    <message>
        <source>Click a feature on the map to see its details.</source>
        <translation>点击地图上的要素查看详情。</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Search name, licence no., address, plate… (Ctrl+F)</source>
        <translation>搜索名称、许可证号、地址、车牌…（Ctrl+F）</translation>
    </message>
    <message>
        <source>Nothing found for “%1”</source>
        <translation>未找到“%1”</translation>
    </message>
    <message>
        <source>Find on &amp;Map</source>
        <translation>在地图上查找(&amp;M)</translation>
    </message>
    <message>
        <source>Zoom to &amp;City</source>
        <translation>缩放到城区(&amp;C)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>Zoom to &amp;Selection</source>
        <translation>缩放到选中要素(&amp;S)</translation>
    </message>
    <message>
        <source>Map &amp;Layers</source>
        <translation>地图图层(&amp;L)</translation>
    </message>
    <message>
        <source>D&amp;etails</source>
        <translation>详情(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Basemap</source>
        <translation>底图(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Pan</source>
        <translation>平移(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Zoom to Box</source>
        <translation>拉框放大(&amp;Z)</translation>
    </message>
    <message>
        <source>&amp;Select in Box</source>
        <translation>拉框选择(&amp;S)</translation>
    </message>
    <message>
        <source>Measure &amp;Distance</source>
        <translation>测量距离(&amp;D)</translation>
    </message>
    <message>
        <source>Measure &amp;Area</source>
        <translation>测量面积(&amp;A)</translation>
    </message>
    <message>
        <source>Map layer %1 could not be read: %2</source>
        <translation>无法读取地图图层 %1：%2</translation>
    </message>
    <message>
        <source>Basemap</source>
        <translation>底图</translation>
    </message>
    <message>
        <source>Street vendors</source>
        <translation>摊贩</translation>
    </message>
    <message>
        <source>Markets and rapid tests</source>
        <translation>市场与快检</translation>
    </message>
    <message>
        <source>Vehicles</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>WGS-84 %1, %2</source>
        <translation>WGS-84 %1, %2</translation>
    </message>
    <message>
        <source>GCJ-02 %1, %2</source>
        <translation>GCJ-02 %1, %2</translation>
    </message>
    <message>
        <source>Scale 1:%1</source>
        <translation>比例尺 1:%1</translation>
    </message>
    <message>
        <source>Distance: %1</source>
        <translation>距离：%1</translation>
    </message>
    <message>
        <source>Area: %1</source>
        <translation>面积：%1</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Zoom To</source>
        <translation>缩放到此</translation>
    </message>
    <message>
        <source>Could not read the details: %1</source>
        <translation>无法读取详情：%1</translation>
    </message>
    <message>
        <source>%1 feature(s) selected</source>
        <translation>已选中 %1 个要素</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… 另有 %1 个</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>选择结果</translation>
    </message>
    <message>
        <source>%1 feature(s) in the box</source>
        <translation>框内共 %1 个要素</translation>
    </message>
    <message>
        <source>About %1</source>
        <translation>关于%1</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>搜索失败：%1</translation>
    </message>
    <message>
        <source>Catering</source>
        <translation>餐饮</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>市场</translation>
    </message>
    <message>
        <source>Vendor zone</source>
        <translation>摊贩疏导区</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>Test lab</source>
        <translation>快检点</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>%1 has no position on the map</source>
        <translation>%1 在地图上没有位置</translation>
    </message>
</context>
<context>
    <name>MapSymbology</name>
    <message>
        <source>School canteen</source>
        <translation>学校食堂</translation>
    </message>
    <message>
        <source>Farmers&apos; market</source>
        <translation>农贸市场</translation>
    </message>
    <message>
        <source>Collective market</source>
        <translation>集贸市场</translation>
    </message>
    <message>
        <source>Convenience market</source>
        <translation>便民市场</translation>
    </message>
    <message>
        <source>Camera online</source>
        <translation>摄像头在线</translation>
    </message>
    <message>
        <source>Camera offline</source>
        <translation>摄像头离线</translation>
    </message>
    <message>
        <source>Stall</source>
        <translation>摊位</translation>
    </message>
    <message>
        <source>Rapid-test room</source>
        <translation>快检室</translation>
    </message>
    <message>
        <source>Vendor zone, open now</source>
        <translation>摊贩疏导区（开放中）</translation>
    </message>
    <message>
        <source>Vendor zone, closed</source>
        <translation>摊贩疏导区（未开放）</translation>
    </message>
    <message>
        <source>Moving</source>
        <translation>行驶中</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>停驶</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
</context>
<context>
    <name>MarketList</name>
    <message>
        <source>Find a market…</source>
        <translation>查找市场…</translation>
    </message>
</context>
<context>
    <name>MarketModel</name>
    <message>
        <source>Market</source>
        <translation>市场</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Tested</source>
        <translation>检测</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>Pass rate</source>
        <translation>合格率</translation>
    </message>
    <message>
        <source>Overdue re-tests</source>
        <translation>逾期未复检</translation>
    </message>
</context>
<context>
    <name>MarketView</name>
    <message>
        <source>Positive</source>
        <translation>阳性</translation>
    </message>
    <message>
        <source>Negative</source>
        <translation>阴性</translation>
    </message>
    <message>
        <source>Destroyed</source>
        <translation>销毁</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>退市</translation>
    </message>
    <message>
        <source>Sealed</source>
        <translation>封存</translation>
    </message>
    <message>
        <source>Recalled</source>
        <translation>召回</translation>
    </message>
    <message>
        <source>Dealt with</source>
        <translation>已处置</translation>
    </message>
    <message>
        <source>Off sale, pending</source>
        <translation>已下架，待处置</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待告知</translation>
    </message>
    <message>
        <source>Re-tested</source>
        <translation>已复检</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>已责令</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>待复检</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Sample no.</source>
        <translation>样品编号</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>样品名称</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Test item</source>
        <translation>检测项目</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>检测值</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>限量</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Stall</source>
        <translation>摊位</translation>
    </message>
    <message>
        <source>Tester</source>
        <translation>检测员</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Disposal</source>
        <translation>处置方式</translation>
    </message>
    <message>
        <source>Kilograms</source>
        <translation>处置重量(千克)</translation>
    </message>
    <message>
        <source>Stall told</source>
        <translation>已告知摊主</translation>
    </message>
    <message>
        <source>Re-test due</source>
        <translation>复检期限</translation>
    </message>
    <message>
        <source>Re-test</source>
        <translation>复检</translation>
    </message>
    <message>
        <source>No market chosen</source>
        <translation>未选择市场</translation>
    </message>
    <message>
        <source>Notice PDF…</source>
        <translation>公示 PDF…</translation>
    </message>
    <message>
        <source>Write today&apos;s public notice for this market as a PDF</source>
        <translation>生成本市场当日检测公示（PDF）</translation>
    </message>
    <message>
        <source>Notice PNG…</source>
        <translation>公示 PNG…</translation>
    </message>
    <message>
        <source>Write the notice as a 1920×1080 picture for the market&apos;s screen</source>
        <translation>生成市场显示屏用的 1920×1080 公示图片</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <source>Market as a whole</source>
        <translation>全市场</translation>
    </message>
    <message>
        <source>By test item</source>
        <translation>按检测项目</translation>
    </message>
    <message>
        <source>By category</source>
        <translation>按类别</translation>
    </message>
    <message>
        <source>By stall</source>
        <translation>按摊位</translation>
    </message>
    <message>
        <source>Pass rate per day</source>
        <translation>每日合格率</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Tested</source>
        <translation>检测</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>Pass rate</source>
        <translation>合格率</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样品</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Tested %1 · passed %2 · failed %3 · pass rate %4</source>
        <translation>检测 %1 · 合格 %2 · 不合格 %3 · 合格率 %4</translation>
    </message>
    <message>
        <source>Failures (%1)</source>
        <translation>不合格（%1）</translation>
    </message>
</context>
<context>
    <name>OverviewPanel</name>
    <message>
        <source>Markets</source>
        <translation>市场</translation>
    </message>
    <message>
        <source>Vendor zones</source>
        <translation>摊贩疏导区</translation>
    </message>
    <message>
        <source>Stalls</source>
        <translation>摊位</translation>
    </message>
    <message>
        <source>Catering units</source>
        <translation>餐饮单位</translation>
    </message>
    <message>
        <source>Kitchen cameras</source>
        <translation>后厨摄像头</translation>
    </message>
    <message>
        <source>Vehicles</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>Open alerts</source>
        <translation>待处理告警</translation>
    </message>
    <message>
        <source>City overview</source>
        <translation>全市概览</translation>
    </message>
</context>
<context>
    <name>ProposalModel</name>
    <message>
        <source>Business</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Star</source>
        <translation>星级</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>佐证</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>提出时间</translation>
    </message>
    <message>
        <source>▲ give</source>
        <translation>▲ 授予</translation>
    </message>
    <message>
        <source>▼ take away</source>
        <translation>▼ 摘除</translation>
    </message>
</context>
<context>
    <name>ProposalTable</name>
    <message>
        <source>Filter: business, star, rule, reason…</source>
        <translation>筛选：单位、星级、规则、理由…</translation>
    </message>
    <message>
        <source>Note for the decision (optional)</source>
        <translation>处理意见（可选）</translation>
    </message>
    <message>
        <source>&amp;Apply (A)</source>
        <translation>采纳(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Reject (R)</source>
        <translation>驳回(&amp;R)</translation>
    </message>
    <message>
        <source>Read-only: only a supervisor can apply or reject proposals.</source>
        <translation>只读：仅监管人员可采纳或驳回建议。</translation>
    </message>
    <message>
        <source>%1 open</source>
        <translation>%1 条待处理</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>RatingsPanel</name>
    <message>
        <source>Star ratings</source>
        <translation>星级评定</translation>
    </message>
    <message>
        <source>Risk grades</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <source>Risk grade A (low)</source>
        <translation>风险等级 A（低）</translation>
    </message>
    <message>
        <source>Risk grade B</source>
        <translation>风险等级 B</translation>
    </message>
    <message>
        <source>Risk grade C</source>
        <translation>风险等级 C</translation>
    </message>
    <message>
        <source>Risk grade D (high)</source>
        <translation>风险等级 D（高）</translation>
    </message>
    <message>
        <source>Star Ratings</source>
        <translation>星级评定</translation>
    </message>
    <message>
        <source>Export Public &amp;Star List…</source>
        <translation>导出星级公示名单(&amp;S)…</translation>
    </message>
    <message>
        <source>Run Star &amp;Rating Rules Now</source>
        <translation>立即运行星级评定规则(&amp;R)</translation>
    </message>
    <message>
        <source>This business has no location on the map</source>
        <translation>该单位在地图上没有位置</translation>
    </message>
    <message>
        <source>Star ratings (%1 proposals)</source>
        <translation>星级评定（%1 条建议）</translation>
    </message>
    <message>
        <source>Ratings could not be read: %1</source>
        <translation>无法读取星级评定：%1</translation>
    </message>
    <message>
        <source>Export the public star list</source>
        <translation>导出星级公示名单</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Printable page (*.html)</source>
        <translation>可打印网页 (*.html)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the star list…</source>
        <translation>正在生成星级名单…</translation>
    </message>
    <message>
        <source>The star list was not written: %1</source>
        <translation>星级名单未生成：%1</translation>
    </message>
    <message>
        <source>%1 businesses written to %2</source>
        <translation>已将 %1 家单位写入 %2</translation>
    </message>
    <message>
        <source>Running the star rating rules…</source>
        <translation>正在运行星级评定规则…</translation>
    </message>
    <message>
        <source>The rules proposed %1 star change(s)</source>
        <translation>规则提出了 %1 条星级调整建议</translation>
    </message>
</context>
<context>
    <name>ReplayLayers</name>
    <message>
        <source>Stop, %1 min</source>
        <translation>停留 %1 分钟</translation>
    </message>
    <message>
        <source>Replay track</source>
        <translation>回放轨迹</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停留</translation>
    </message>
    <message>
        <source>Replay stops</source>
        <translation>回放停留点</translation>
    </message>
    <message>
        <source>Replayed vehicle</source>
        <translation>回放车辆</translation>
    </message>
</context>
<context>
    <name>ReplayWidget</name>
    <message>
        <source>Vehicle</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>Whole track</source>
        <translation>全部轨迹</translation>
    </message>
    <message>
        <source>From the vehicle&apos;s first stored position to its last</source>
        <translation>从该车第一个定位点到最后一个定位点</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Play / pause (Space)</source>
        <translation>播放 / 暂停（空格）</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>回放速度</translation>
    </message>
    <message>
        <source>Pick a vehicle and a time range, then Show.</source>
        <translation>请选择车辆和时间段，然后点击“显示”。</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>To</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>里程</translation>
    </message>
    <message>
        <source>Mean speed</source>
        <translation>平均速度</translation>
    </message>
    <message>
        <source>This vehicle has no stored positions.</source>
        <translation>该车辆没有定位记录。</translation>
    </message>
    <message>
        <source>Positions from %1 to %2.</source>
        <translation>定位记录：%1 至 %2。</translation>
    </message>
    <message>
        <source>No positions of %1 in this time range.</source>
        <translation>%1 在此时间段内没有定位点。</translation>
    </message>
    <message>
        <source>%1: %2 fixes, %3 trips (%4 km), %5 stops</source>
        <translation>%1：%2 个定位点，%3 段行程（%4 公里），%5 次停留</translation>
    </message>
    <message>
        <source>speed unknown</source>
        <translation>速度未知</translation>
    </message>
    <message>
        <source>Trip</source>
        <translation>行程</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停留</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>Pick a vehicle first.</source>
        <translation>请先选择车辆。</translation>
    </message>
    <message>
        <source>The end of the range must come after its start.</source>
        <translation>结束时间必须晚于开始时间。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
</context>
<context>
    <name>RiskList</name>
    <message>
        <source>Grades</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Show on map</source>
        <translation>在地图上显示</translation>
    </message>
    <message>
        <source>Filter by name, district, reason…</source>
        <translation>按名称、区域、原因筛选…</translation>
    </message>
    <message>
        <source>Pick a business to see what raised its grade.</source>
        <translation>选择一家单位，查看其风险等级的依据。</translation>
    </message>
    <message>
        <source>Nothing on record raises the risk.</source>
        <translation>无提高风险等级的记录。</translation>
    </message>
    <message>
        <source>%1 businesses</source>
        <translation>%1 家单位</translation>
    </message>
</context>
<context>
    <name>RiskModel</name>
    <message>
        <source>Business</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>分值</translation>
    </message>
    <message>
        <source>Main reason</source>
        <translation>主要原因</translation>
    </message>
</context>
<context>
    <name>TestFilterBar</name>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Samples tested today</source>
        <translation>今日检测的样品</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 天</translation>
    </message>
    <message>
        <source>The last 7 days, today included</source>
        <translation>最近 7 天（含今日）</translation>
    </message>
    <message>
        <source>30 days</source>
        <translation>30 天</translation>
    </message>
    <message>
        <source>The last 30 days, today included</source>
        <translation>最近 30 天（含今日）</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Choose the first and last day</source>
        <translation>选择起止日期</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>All items</source>
        <translation>全部项目</translation>
    </message>
    <message>
        <source>%1 items</source>
        <translation>%1 个项目</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>%1 categories</source>
        <translation>%1 个类别</translation>
    </message>
    <message>
        <source>Tests</source>
        <translation>检测</translation>
    </message>
    <message>
        <source>Heatmap</source>
        <translation>热力图</translation>
    </message>
    <message>
        <source>Weight by exceedance</source>
        <translation>按超标程度加权</translation>
    </message>
    <message>
        <source>A failure counts more the further it went past its limit</source>
        <translation>超标越多，权重越大</translation>
    </message>
    <message>
        <source> m</source>
        <translation> 米</translation>
    </message>
    <message>
        <source>Kernel size (standard deviation) on the ground</source>
        <translation>核半径（地面标准差）</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>地图</translation>
    </message>
</context>
<context>
    <name>TestsPanel</name>
    <message>
        <source>Rapid tests</source>
        <translation>快检</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>市场</translation>
    </message>
    <message>
        <source>City rapid-test dashboard</source>
        <translation>全市快检看板</translation>
    </message>
    <message>
        <source>Rapid-test failures (heatmap)</source>
        <translation>快检不合格（热力图）</translation>
    </message>
    <message>
        <source>Overdue re-tests</source>
        <translation>逾期未复检</translation>
    </message>
    <message>
        <source>Market with an overdue re-test</source>
        <translation>有逾期未复检的市场</translation>
    </message>
    <message>
        <source>Rapid Tests</source>
        <translation>快检</translation>
    </message>
    <message>
        <source>Import &amp;Rapid-Test Results…</source>
        <translation>导入快检结果(&amp;R)…</translation>
    </message>
    <message>
        <source>Only an administrator can import data</source>
        <translation>仅管理员可导入数据</translation>
    </message>
    <message>
        <source>Weighted failures</source>
        <translation>加权不合格</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>%1 failure(s), %2, kernel %3 m</source>
        <translation>不合格 %1 批次，%2，核半径 %3 米</translation>
    </message>
    <message>
        <source>per km²</source>
        <translation>每平方公里</translation>
    </message>
    <message>
        <source>%1: %2 re-test(s) overdue</source>
        <translation>%1：%2 批次逾期未复检</translation>
    </message>
    <message>
        <source>Rapid tests could not be read: %1</source>
        <translation>无法读取快检数据：%1</translation>
    </message>
    <message>
        <source>Market: %1</source>
        <translation>市场：%1</translation>
    </message>
    <message>
        <source>The market could not be read: %1</source>
        <translation>无法读取该市场：%1</translation>
    </message>
    <message>
        <source>Whole market</source>
        <translation>全市场</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>PNG picture, 1920×1080 (*.png)</source>
        <translation>PNG 图片，1920×1080 (*.png)</translation>
    </message>
    <message>
        <source>Save the public notice</source>
        <translation>保存检测公示</translation>
    </message>
    <message>
        <source>Writing the notice…</source>
        <translation>正在生成公示…</translation>
    </message>
    <message>
        <source>The notice was not written</source>
        <translation>公示未生成</translation>
    </message>
    <message>
        <source>Notice written to %1</source>
        <translation>公示已保存到 %1</translation>
    </message>
    <message>
        <source>Import rapid-test results</source>
        <translation>导入快检结果</translation>
    </message>
    <message>
        <source>Lab result files (*.csv *.xlsx)</source>
        <translation>检测结果文件 (*.csv *.xlsx)</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <source>Imported %1: %2 new, %3 updated, %4 unchanged</source>
        <translation>已导入 %1：新增 %2，更新 %3，未变 %4</translation>
    </message>
    <message>
        <source>The file was not imported</source>
        <translation>文件未导入</translation>
    </message>
</context>
<context>
    <name>VehicleDetailsWidget</name>
    <message>
        <source>Pick a vehicle in the list or on the map.</source>
        <translation>请在列表或地图上选择车辆。</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Checked on</source>
        <translation>检查日期</translation>
    </message>
    <message>
        <source>By</source>
        <translation>检查人</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>佐证</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>证照</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>持证人</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Guests</source>
        <translation>宾客人数</translation>
    </message>
    <message>
        <source>Samples kept</source>
        <translation>已留样</translation>
    </message>
    <message>
        <source>Occasion</source>
        <translation>宴席类型</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>台账</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Supplier / note</source>
        <translation>供应商 / 备注</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>告警时间</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Business licence</source>
        <translation>营业执照</translation>
    </message>
    <message>
        <source>Liability insurance</source>
        <translation>责任保险</translation>
    </message>
    <message>
        <source>GPS and video</source>
        <translation>定位与视频</translation>
    </message>
    <message>
        <source>Filing</source>
        <translation>备案</translation>
    </message>
    <message>
        <source>Staff training</source>
        <translation>人员培训</translation>
    </message>
    <message>
        <source>Health certificates</source>
        <translation>健康证明</translation>
    </message>
    <message>
        <source>Raw materials</source>
        <translation>原料采购</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>运输</translation>
    </message>
    <message>
        <source>Cooking</source>
        <translation>烹饪加工</translation>
    </message>
    <message>
        <source>Sample retention</source>
        <translation>留样</translation>
    </message>
    <message>
        <source>Disinfection</source>
        <translation>消毒</translation>
    </message>
    <message>
        <source>Hygiene</source>
        <translation>环境卫生</translation>
    </message>
    <message>
        <source>Kitchen waste</source>
        <translation>餐厨垃圾</translation>
    </message>
    <message>
        <source>Health certificate</source>
        <translation>健康证</translation>
    </message>
    <message>
        <source>Banquet truck</source>
        <translation>宴席车</translation>
    </message>
    <message>
        <source>Test vehicle</source>
        <translation>快检车</translation>
    </message>
    <message>
        <source>Catering at an undeclared venue</source>
        <translation>在未申报地点办宴</translation>
    </message>
    <message>
        <source>Operating outside hours</source>
        <translation>非营业时段运营</translation>
    </message>
    <message>
        <source>Operating with an expired certificate</source>
        <translation>证照过期仍在运营</translation>
    </message>
    <message>
        <source>Near a school canteen</source>
        <translation>靠近学校食堂</translation>
    </message>
    <message>
        <source>In a vendor zone while it is closed</source>
        <translation>在摊区非开放时段停留</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新告警</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>审核中</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Dismissed</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Rectification</source>
        <translation>整改中</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>renewed</source>
        <translation>已换证</translation>
    </message>
    <message>
        <source>no expiry</source>
        <translation>长期有效</translation>
    </message>
    <message>
        <source>expired %1 days ago</source>
        <translation>已过期 %1 天</translation>
    </message>
    <message>
        <source>expires today</source>
        <translation>今天到期</translation>
    </message>
    <message>
        <source>expires in %1 days</source>
        <translation>%1 天后到期</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>terminal %1</source>
        <translation>终端 %1</translation>
    </message>
    <message>
        <source>last report %1</source>
        <translation>最近上报 %1</translation>
    </message>
    <message>
        <source>no report yet</source>
        <translation>尚未上报</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Purchase</source>
        <translation>采购</translation>
    </message>
    <message>
        <source> (condition over)</source>
        <translation>（情形已结束）</translation>
    </message>
    <message>
        <source>declared</source>
        <translation>已申报</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Five musts</source>
        <translation>五必须</translation>
    </message>
    <message>
        <source>Eight controls</source>
        <translation>八把控</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>未检查</translation>
    </message>
    <message>
        <source>met</source>
        <translation>符合</translation>
    </message>
    <message>
        <source>not met</source>
        <translation>不符合</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>检查清单</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>证照</translation>
    </message>
    <message>
        <source>Catering jobs</source>
        <translation>宴席任务</translation>
    </message>
    <message>
        <source>Ledgers</source>
        <translation>台账</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
</context>
<context>
    <name>VehicleListWidget</name>
    <message>
        <source>Plate or owner</source>
        <translation>车牌或车主</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Banquet trucks</source>
        <translation>宴席车</translation>
    </message>
    <message>
        <source>Test vehicles</source>
        <translation>快检车</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>跟随</translation>
    </message>
    <message>
        <source>Keep the map centred on the selected vehicle</source>
        <translation>地图始终以所选车辆为中心</translation>
    </message>
    <message>
        <source>Replay…</source>
        <translation>轨迹回放…</translation>
    </message>
    <message>
        <source>Replay the selected vehicle&apos;s track</source>
        <translation>回放所选车辆的轨迹</translation>
    </message>
    <message>
        <source>%1 vehicles · %2 moving · %3 stopped · %4 offline</source>
        <translation>共 %1 辆 · 行驶 %2 · 停驶 %3 · 离线 %4</translation>
    </message>
</context>
<context>
    <name>VehicleTableModel</name>
    <message>
        <source>Banquet truck</source>
        <translation>宴席车</translation>
    </message>
    <message>
        <source>Test vehicle</source>
        <translation>快检车</translation>
    </message>
    <message>
        <source>Moving</source>
        <translation>行驶中</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>停驶</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>No report yet</source>
        <translation>尚未上报</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>车牌</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Last report</source>
        <translation>最近上报</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>%1 s ago</source>
        <translation>%1 秒前</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>%1 分钟前</translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation>%1 小时前</translation>
    </message>
    <message>
        <source>%1 days ago</source>
        <translation>%1 天前</translation>
    </message>
</context>
<context>
    <name>VehiclesPanel</name>
    <message>
        <source>Vehicles</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>Vehicle details</source>
        <translation>车辆详情</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>轨迹回放</translation>
    </message>
    <message>
        <source>Could not read the track: %1</source>
        <translation>无法读取轨迹：%1</translation>
    </message>
</context>
<context>
    <name>VideoTile</name>
    <message>
        <source>Drop a camera here</source>
        <translation>将摄像头拖到这里</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Stalled</source>
        <translation>卡顿</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>连接中…</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>reconnecting…</source>
        <translation>正在重连…</translation>
    </message>
</context>
<context>
    <name>VideoWall</name>
    <message>
        <source>The carousel needs cameras: drop some on the wall first</source>
        <translation>轮巡需要摄像头：请先把摄像头拖到视频墙上</translation>
    </message>
    <message>
        <source>This tile has no picture to save</source>
        <translation>该画面没有可保存的图像</translation>
    </message>
    <message>
        <source>Save snapshot</source>
        <translation>保存截图</translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg)</source>
        <translation>图片 (*.png *.jpg)</translation>
    </message>
    <message>
        <source>The snapshot could not be written to %1</source>
        <translation>无法将截图写入 %1</translation>
    </message>
    <message>
        <source>Snapshot saved: %1</source>
        <translation>截图已保存：%1</translation>
    </message>
    <message>
        <source>This tile has no picture to copy</source>
        <translation>该画面没有可复制的图像</translation>
    </message>
    <message>
        <source>Snapshot copied</source>
        <translation>截图已复制</translation>
    </message>
    <message>
        <source>Back to the Wall</source>
        <translation>返回视频墙</translation>
    </message>
    <message>
        <source>Enlarge</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Save Snapshot…</source>
        <translation>保存截图…</translation>
    </message>
    <message>
        <source>Copy Snapshot</source>
        <translation>复制抓拍图</translation>
    </message>
    <message>
        <source>Remove from the Wall</source>
        <translation>从视频墙移除</translation>
    </message>
</context>
<context>
    <name>VideoWallView</name>
    <message>
        <source>%1 tiles</source>
        <translation>%1 画面</translation>
    </message>
    <message>
        <source>Saved layouts</source>
        <translation>已保存的布局</translation>
    </message>
    <message>
        <source>Layouts</source>
        <translation>布局</translation>
    </message>
    <message>
        <source>Name of this layout, Enter to save</source>
        <translation>布局名称，按 Enter 保存</translation>
    </message>
    <message>
        <source>Carousel</source>
        <translation>轮巡</translation>
    </message>
    <message>
        <source>Cycle the cameras page by page</source>
        <translation>按页轮流显示摄像头</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Seconds per page</source>
        <translation>每页秒数</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>截图</translation>
    </message>
    <message>
        <source>Save the selected tile&apos;s picture</source>
        <translation>保存所选画面的截图</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Save This Layout…</source>
        <translation>保存当前布局…</translation>
    </message>
    <message>
        <source>Type a name for the layout</source>
        <translation>请输入布局名称</translation>
    </message>
    <message>
        <source>Layout “%1” saved</source>
        <translation>布局“%1”已保存</translation>
    </message>
    <message>
        <source>Layout “%1”</source>
        <translation>布局“%1”</translation>
    </message>
    <message>
        <source>Layout “%1” deleted</source>
        <translation>布局“%1”已删除</translation>
    </message>
</context>
</TS>
