"""Built-in knowledge of the unit names common in municipal plans.

Used when importing into a directory without a units.yaml: it lets the
importer recognise ``宣传部:`` or ``政府办:`` as units when splitting
measures, and gives a fresh units.yaml canonical names, kinds and full names.
``{city}`` in a full name is replaced by the issuing city (海城市人民政府 →
海城市); without a known city the full name is left empty rather than guessed.

A curated units.yaml always wins over this table (see classify.py).
"""
from __future__ import annotations

# name: (kind, full-name template or None, aliases)
UNITS: dict[str, tuple[str, str | None, tuple[str, ...]]] = {
    # 市政府工作部门
    "市政府办": ("市直部门", "{city}人民政府办公室", ("政府办", "市政府办公室")),
    "发改局": ("市直部门", "{city}发展和改革局", ("发展和改革局", "发展改革局", "市发改局")),
    "教育局": ("市直部门", "{city}教育局", ("市教育局",)),
    "工信局": ("市直部门", "{city}工业和信息化局", ("工业和信息化局", "市工信局")),
    "公安局": ("市直部门", "{city}公安局", ("市公安局",)),
    "民政局": ("市直部门", "{city}民政局", ("市民政局",)),
    "司法局": ("市直部门", "{city}司法局", ("市司法局",)),
    "财政局": ("市直部门", "{city}财政局", ("市财政局",)),
    "人社局": ("市直部门", "{city}人力资源和社会保障局", ("人力资源和社会保障局", "市人社局")),
    "自然资源局": ("市直部门", "{city}自然资源局", ("市自然资源局",)),
    "生态环境局": ("市直部门", None, ("市生态环境局",)),
    "住建局": ("市直部门", "{city}住房和城乡建设局", ("住房和城乡建设局", "建设局", "市住建局")),
    "交通运输局": ("市直部门", "{city}交通运输局", ("交通局",)),
    "水利局": ("市直部门", "{city}水利局", ("市水利局",)),
    "农业农村局": ("市直部门", "{city}农业农村局", ("市农业农村局",)),
    "商务局": ("市直部门", "{city}商务局", ("市商务局",)),
    "文旅局": ("市直部门", None, ("市文旅局",)),
    "卫健局": ("市直部门", "{city}卫生健康局", ("卫生健康局", "市卫健局")),
    "退役军人局": ("市直部门", "{city}退役军人事务局", ("退役军人事务局",)),
    "应急局": ("市直部门", "{city}应急管理局", ("应急管理局", "市应急局")),
    "审计局": ("市直部门", "{city}审计局", ("市审计局",)),
    "国资局": ("市直部门", None, ("市国资局",)),
    "市场局": ("市直部门", "{city}市场监督管理局", ("市场监督管理局", "市场监管局", "市市场局")),
    "统计局": ("市直部门", "{city}统计局", ("市统计局",)),
    "医保局": ("市直部门", "{city}医疗保障局", ("医疗保障局", "市医保局")),
    "营商局": ("市直部门", "{city}营商环境建设局", ("营商环境建设局", "市营商局")),
    "信访局": ("市直部门", "{city}信访局", ("市信访局",)),
    "民宗局": ("市直部门", "{city}民族和宗教事务局", ("民族和宗教事务局",)),
    "执法局": ("市直部门", None, ("综合执法局", "市执法局")),
    # 党委部门
    "市委宣传部": ("市委部门", "中共{city}委宣传部", ("宣传部",)),
    "市委组织部": ("市委部门", "中共{city}委组织部", ("组织部",)),
    "综治办": ("市委部门", None, ()),
    # 群团组织
    "团市委": ("群团组织", "共青团{city}委员会", ()),
    "妇联": ("群团组织", "{city}妇女联合会", ("市妇联",)),
    "残联": ("群团组织", "{city}残疾人联合会", ("市残联",)),
    "总工会": ("群团组织", "{city}总工会", ("市总工会",)),
    # 中省直单位
    "税务局": ("中省直单位", "国家税务总局{city}税务局", ("市税务局",)),
    "烟草专卖局": ("中省直单位", "{city}烟草专卖局", ()),
    "消防大队": ("中省直单位", "{city}消防救援大队", ()),
    # 企业
    "中国移动": ("企业", None, ()),
    "中国联通": ("企业", None, ()),
    "中国电信": ("企业", None, ()),
    # 议事协调机构与临时机构
    "爱卫办": ("议事协调机构", "{city}爱国卫生运动委员会办公室", ()),
    "市防疫指挥部": ("临时机构", None, ()),
}

# name: (aliases, member kind): groups the document names as one addressee
GROUPS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "镇(街道)": (("各镇(街道)", "各镇区(街道)", "各属地镇(街道)", "相关镇(街道)", "各相关镇(街道)", "各镇区"), "镇(街道)"),
    "开发区": (("各开发区",), "开发区"),
    "市直部门": (
        ("市直各部门", "市直相关部门", "相关市直部门", "市直相关单位", "相关部门", "市政府各部门"),
        "市直部门",
    ),
}

# Rules by the end of a name, applied when neither the registry nor UNITS knows it.
# (suffix, kind, full-name template): the standard official form for the kind.
SUFFIX_RULES: tuple[tuple[str, str, str | None], ...] = (
    ("街道", "镇(街道)", "{city}{name}办事处"),
    ("镇", "镇(街道)", "{city}{name}人民政府"),
    ("乡", "镇(街道)", "{city}{name}人民政府"),
    ("开发区", "开发区", None),  # official names vary (辽宁…经济开发区管理委员会): left to curation
)
