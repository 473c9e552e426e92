"""Plausible Chinese names for synthetic places and people (the demo city is marked synthetic)."""

from __future__ import annotations

import random

SURNAMES = list("王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉玲燕红建文斌宇浩凯晨欣瑞博雪琳海亮峰松林波宁丹璐春雨巴特尔乌兰其其格苏和吉日格勒")
MONGOL_GIVEN = ["巴特尔", "乌兰", "其其格", "苏和", "吉日格勒", "额尔敦", "萨仁", "那日苏", "宝音", "图雅", "阿拉坦"]

STREETS = [
    "钢铁大街", "阿尔丁大街", "民族西路", "友谊大街", "青年路", "建设路", "黄河大街", "巴彦塔拉大街",
    "南门外大街", "环城路", "少先路", "团结大街", "幸福路", "文化路", "包钢路", "白云路",
    "呼得木林大街", "林荫路", "富强路", "阿吉奈道", "昆河路", "青山路", "光荣道", "健康路",
    "和平路", "胜利路", "东站路", "工业路", "兵工路", "科学路", "赛音道", "沼潭路", "劳动路",
    "鹿城大道", "稀土大街", "新光路", "装备路", "民主路", "呼和浩特路", "北沙梁路",
]
AREAS = [
    "友谊", "富强", "青年", "少先", "团结", "幸福", "昆北", "昆河", "青东", "沼潭", "南门外", "东站",
    "北梁", "赛汗", "万青", "胜利", "钢铁", "阿尔丁", "民族", "白云", "鹿园", "北沙梁", "工业", "兵工",
    "科学", "光荣", "健康", "和平", "惠民", "兴胜", "沙河", "哈业胡同", "麻池", "新都市", "稀土", "滨河",
]
TOWNS = [
    "沙尔沁镇", "萨拉齐镇", "美岱召镇", "哈林格尔镇", "兴胜镇", "石拐镇", "吉忒忽热镇", "金山镇",
    "百灵庙镇", "满都拉镇", "明安镇", "下湿壕镇", "银号镇", "西斗铺镇", "将军尧镇", "双龙镇",
    "麻池镇", "哈业胡同镇", "阿嘎如泰苏木", "巴音花镇", "怀朔镇", "五当召镇",
]
VILLAGE_SUFFIX = ["村", "营子", "圪旦", "窑子", "壕", "沟", "店村"]

FOODS = [
    "羊肉馆", "烧麦馆", "手把肉", "涮羊肉", "莜面馆", "火锅店", "面馆", "饺子馆", "烧烤", "炖菜馆",
    "包子铺", "粥铺", "快餐店", "川菜馆", "家常菜", "奶茶馆", "铁锅炖", "拉面馆", "米线店", "麻辣烫",
    "酒楼", "饭店", "餐厅", "食府", "小吃店", "烤肉店", "砂锅居", "蒙餐馆", "肉饼店", "凉皮店",
]
BRANDS = ["鹿城", "草原", "塞北", "阴山", "黄河", "敕勒川", "老包头", "西口", "蒙原", "钢城", "达茂", "九原", "昆仑"]
SCHOOLS = ["第{}中学", "第{}小学", "实验小学", "实验中学", "职业技术学院", "第{}中学分校", "{}路小学"]
KINDERGARTENS = ["第{}幼儿园", "阳光幼儿园", "蓝天幼儿园", "小太阳幼儿园", "童心幼儿园", "育英幼儿园", "春蕾幼儿园"]
CANTEENS = ["机关食堂", "医院食堂", "职工食堂", "企业员工食堂", "养老院食堂", "工地食堂"]
SUPERMARKETS = ["超市", "生鲜超市", "便利店", "购物中心"]
WORKSHOPS = ["豆腐坊", "面食加工坊", "糕点作坊", "炒货作坊", "熟食加工坊", "油坊"]
GOODS = ["蔬菜", "水果", "熟食", "小吃", "烧烤", "日杂", "干货", "肉类", "水产", "早点"]


class NameMaker:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self._used: set[str] = set()

    def person(self) -> str:
        r = self.rng
        if r.random() < 0.08:
            return r.choice(MONGOL_GIVEN) + r.choice(["", "图", "夫"])
        given = r.choice(GIVEN) + (r.choice(GIVEN) if r.random() < 0.7 else "")
        return r.choice(SURNAMES) + given

    def unique(self, make) -> str:
        """A fresh name; after a few collisions, a branch number makes it unique (as real chains do)."""
        for _ in range(6):
            name = make()
            if name not in self._used:
                self._used.add(name)
                return name
        n = 2
        while f"{name}（{n}）" in self._used:
            n += 1
        name = f"{name}（{n}）"
        self._used.add(name)
        return name

    def address(self, district: str) -> str:
        return f"{district}{self.rng.choice(STREETS)}{self.rng.randint(1, 299)}号"

    def restaurant(self) -> str:
        r = self.rng
        style = r.random()
        if style < 0.4:
            head = r.choice(SURNAMES) + r.choice(["记", "家", "氏", "师傅", "老三", "大姐"])
        elif style < 0.75:
            head = r.choice(BRANDS)
        else:
            head = r.choice(AREAS)
        return self.unique(lambda: head + r.choice(FOODS) + ("" if r.random() < 0.7 else r.choice(["", "总店", "分店"])))

    def canteen(self, kind: str, district: str) -> str:
        r = self.rng
        short = district.replace("区", "").replace("旗", "").replace("县", "")
        if kind == "canteen_school":
            pattern = r.choice(SCHOOLS)
            return self.unique(lambda: f"包头市{short}区{pattern.format(r.randint(1, 40)) if '{}' in pattern else r.choice(AREAS) + pattern}食堂")
        if kind == "canteen_kindergarten":
            pattern = r.choice(KINDERGARTENS)
            return self.unique(lambda: f"{short}{pattern.format(r.randint(1, 30)) if '{}' in pattern else r.choice(AREAS) + pattern}食堂")
        return self.unique(lambda: f"{r.choice(AREAS)}{r.choice(CANTEENS)}")

    def business(self, kind: str, district: str) -> str:
        r = self.rng
        if kind.startswith("canteen"):
            return self.canteen(kind, district)
        if kind == "supermarket":
            return self.unique(lambda: r.choice(BRANDS + AREAS) + r.choice(SUPERMARKETS))
        if kind == "workshop":
            return self.unique(lambda: r.choice(SURNAMES) + "记" + r.choice(WORKSHOPS))
        if kind == "catering":
            return self.unique(lambda: r.choice(BRANDS) + r.choice(["流动餐车", "宴席服务队", "乡厨团队"]))
        return self.restaurant()

    def market(self, kind: str) -> str:
        suffix = {"farmers": "农贸市场", "collective": "集贸市场", "convenience": "便民市场"}[kind]
        return self.unique(lambda: self.rng.choice(AREAS) + suffix)

    def zone(self) -> str:
        r = self.rng
        return self.unique(lambda: r.choice(AREAS + STREETS) + r.choice(["夜市", "早市", "便民摊区", "小吃街", "疏导点"]))

    def village(self) -> str:
        r = self.rng
        return r.choice(TOWNS) + r.choice(SURNAMES) + r.choice(["家", "二", "三", "大", "小"]) + r.choice(VILLAGE_SUFFIX)
