namespace Portal.Infrastructure.Data.Seeding;

/// <summary>The district's departments, parks, industries and request categories, as shipped.</summary>
public static class ReferenceData
{
    public static IReadOnlyList<(string Code, string Name)> Departments { get; } =
    [
        ("ZRZY", "自然资源局"),
        ("FGJ", "发改局"),
        ("SWJ", "水务局"),
        ("RSJ", "人社局"),
        ("JRZX", "地方金融服务中心"),
        ("GDGS", "供电公司"),
        ("XZSP", "行政审批服务局"),
        ("SCJG", "市场监管局"),
        ("GXJ", "工信局"),
        ("STHJ", "生态环境局"),
        ("ZJJ", "住建局"),
        ("ZHZF", "综合执法局"),
        ("JTYS", "交通运输局"),
        ("SFJ", "司法局"),
    ];

    public static IReadOnlyList<string> Parks { get; } = ["经济开发区", "台南高端装备制造产业园", "临港工业园"];

    public static IReadOnlyList<string> Industries { get; } = ["锂电新能源", "高端装备制造", "新材料", "造纸", "纺织", "建材"];

    public static IReadOnlyList<(string Code, string Name, string Description, string LeadDepartmentCode)> Categories { get; } =
    [
        ("LAND", "用地", "项目用地、土地报批、不动产登记等土地要素保障", "ZRZY"),
        ("FINANCE", "融资", "银行贷款、融资担保、转贷应急、企业上市等资金要素保障", "JRZX"),
        ("ENERGY", "能耗指标", "能耗指标、节能审查、碳排放等能耗要素保障", "FGJ"),
        ("WATER", "用水", "取水许可、供水管网、污水排放接入等水资源要素保障", "SWJ"),
        ("POWER", "用电", "报装接电、增容、电价政策、供电可靠性等电力要素保障", "GDGS"),
        ("APPROVAL", "审批服务", "项目审批、证照办理、不见面审批与一网通办", "XZSP"),
        ("POLICY", "政策咨询", "惠企政策、政策包与一企一策的咨询与兑现", "GXJ"),
        ("TALENT", "人才招引", "招工用工、人才引进、技能培训与社保服务", "RSJ"),
        ("LOGISTICS", "物流交通", "道路运输、物流通道、货运车辆通行", "JTYS"),
        ("ENFORCEMENT", "涉企执法", "涉企行政执法检查与备案、执法行为投诉", "SFJ"),
        ("OTHER", "其他", "不属于以上类别的其他诉求", "GXJ"),
    ];
}
