namespace Portal.Bench.Generate;

/// <summary>What people write: titles and descriptions by category, and the words of each step, drawn from small pools.</summary>
public static class Texts
{
    private static readonly Dictionary<string, (string[] Titles, string[] Details)> ByCategory = new()
    {
        ["LAND"] = (["二期项目用地报批进度咨询", "新建厂房用地指标申请", "不动产登记办理缓慢", "项目用地规划调整", "工业用地出让手续办理"],
            ["项目用地报批已逾两个月，影响开工，请协调自然资源部门加快办理。", "扩建项目需新增用地约三十亩，请帮助落实用地指标。", "厂房不动产权证办理时间较长，影响银行抵押贷款。"]),
        ["FINANCE"] = (["流动资金贷款续贷困难", "申请转贷应急资金", "融资担保费率过高", "上市辅导政策咨询"],
            ["银行贷款即将到期，续贷审批收紧，请协调金融机构。", "企业资金周转紧张，申请使用转贷应急资金。", "担保公司费率偏高，希望了解贴息政策。"]),
        ["ENERGY"] = (["新上项目能耗指标不足", "节能审查办理咨询", "碳排放核查问题"],
            ["新上生产线需能耗指标约两千吨标煤，请协调解决。", "项目节能审查材料已提交，进度不明。"]),
        ["WATER"] = (["取水许可延续办理", "污水管网接入申请", "厂区供水压力不足"],
            ["取水许可即将到期，请指导延续手续。", "新建车间污水需接入市政管网，请协调。"]),
        ["POWER"] = (["新增变压器报装接电", "用电增容申请进度", "频繁停电影响生产"],
            ["新增两台变压器报装已一个月未接电，请协调供电公司。", "园区线路近期频繁停电，影响连续生产。"]),
        ["APPROVAL"] = (["施工许可证办理咨询", "环评审批进度缓慢", "营业执照变更办理"],
            ["项目施工许可材料已齐，审批进度缓慢。", "希望了解不见面审批的办理流程。"]),
        ["POLICY"] = (["惠企政策兑现进度", "技改补贴申报咨询", "一企一策政策落实"],
            ["去年申报的技改补贴尚未兑现，请帮助查询。", "希望了解今年惠企政策包的申报条件。"]),
        ["TALENT"] = (["招工难问题求助", "高层次人才引进政策", "职工技能培训补贴"],
            ["企业扩产急需技术工人约五十名，请协助招聘。", "引进博士人才的住房补贴如何申请。"]),
        ["LOGISTICS"] = (["货车通行证办理", "园区道路破损影响运输", "物流通道拥堵"],
            ["厂区门前道路破损严重，重型货车通行困难。", "夜间货运车辆进城通行证办理咨询。"]),
        ["ENFORCEMENT"] = (["涉企检查过于频繁", "执法行为投诉", "行政处罚裁量咨询"],
            ["本月已接受多次重复检查，影响正常生产。", "对执法人员的处罚决定有异议，希望复核。"]),
        ["OTHER"] = (["企业周边环境整治", "职工子女入学咨询", "其他问题求助"],
            ["企业周边道路照明不足，职工夜班出行不便。", "外地职工子女入学需要哪些材料。"]),
    };

    public static readonly string[] Acknowledgements = ["您的诉求已受理，已派相关部门办理。", "已收到，正在协调相关部门。"];
    public static readonly string[] Progress = ["正在办理，已与企业电话沟通。", "已现场踏勘，正在研究解决方案。", "已协调相关单位，近日答复。"];
    public static readonly string[] Notes = ["已电话联系企业负责人。", "需与协办单位会商。", "关注办理进度。"];
    public static readonly string[] Materials = ["请补充项目立项批复文件。", "请补充近三年财务报表。", "请提供现场照片及说明。"];
    public static readonly string[] Supplements = ["已上传所需材料，请查收。", "材料已补充齐全。"];
    public static readonly string[] CoHandlerReplies = ["本单位无异议，已按职责配合。", "已出具意见，详见附件说明。"];
    public static readonly string[] Waivers = ["已电话确认，无需书面答复。", "协办单位意见已在会商中明确。"];
    public static readonly string[] Extensions = ["需现场踏勘并会商，申请延期。", "涉及多个部门审批，需要更多时间。"];
    public static readonly string[] Denials = ["理由不充分，请按期办结。"];
    public static readonly string[] Instructions = ["请加快办理，按期答复企业。", "请牵头部门于三日内报送办理进展。"];
    public static readonly string[] Answers = ["经协调，问题已解决，请企业确认。", "已按政策办理完毕，详见答复。", "已协调相关部门落实，后续如有问题请再反映。"];
    public static readonly string[] Complaints = ["问题仍未解决，希望进一步协调。", "答复内容与实际情况不符。", "办理时间过长，不满意。"];
    public static readonly string[] Praise = ["办理及时，非常感谢。", "服务热情，问题已解决。"];
    public static readonly string[] FollowUps = ["电话回访，企业表示问题已解决。", "走访回访，企业认可办理结果。"];
    public static readonly string[] Reviews = ["经甄别，评价属实。", "经甄别，诉求已依法依规办理，评价不予采信。"];
    public static readonly string[] Returns = ["该事项不属于本部门职责。", "诉求内容不清，请核实后重新派单。"];
    public static readonly string[] Transfers = ["按职责改由其他部门牵头办理。"];
    public static readonly string[] Withdrawals = ["问题已自行解决。", "企业决定暂缓该事项。"];
    public static readonly string[] Urges = ["请尽快办理，影响生产。", "已等待较长时间，请加快进度。"];

    public static (string Title, string Description) Request(Random random, string categoryCode)
    {
        var (titles, details) = ByCategory.GetValueOrDefault(categoryCode, ByCategory["OTHER"]);
        return (Pick(random, titles), Pick(random, details));
    }

    public static string Pick(Random random, string[] pool) => pool[random.Next(pool.Length)];
}
