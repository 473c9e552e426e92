<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
        <translation type="unfinished" />
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
        <translation>摊区</translation>
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
</TS>