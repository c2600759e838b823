using Portal.Domain.Identity;

namespace Portal.Infrastructure.Data.Seeding;

/// <summary>
/// Demo users and enterprises for Development and demonstrations; never seeded in Production.
/// The credit codes are fabricated but valid (Taierzhuang's division code 370405).
/// </summary>
public static class DemoData
{
    /// <summary>The one password of every demo account. Production refuses to start with it.</summary>
    public const string Password = "Yqby@2026";

    public const string MailDomain = "yqby.test";

    public sealed record DemoUser(string Email, string DisplayName, string Role, string? DepartmentCode = null, string? EnterpriseCode = null);

    public sealed record DemoEnterprise(
        string Name, string CreditCode, string Park, string Industry, bool IsAboveScale, string CommissionerEmail, string? CadreEmail);

    public static IReadOnlyList<DemoUser> People { get; } =
    [
        new("admin@yqby.test", "郑磊", Roles.Admin),
        new("supervisor@yqby.test", "赵敏", Roles.Supervisor),
        new("commissioner@yqby.test", "李明", Roles.Commissioner),
        new("commissioner2@yqby.test", "王芳", Roles.Commissioner),
        new("commissioner3@yqby.test", "孙浩", Roles.Commissioner),
        new("cadre@yqby.test", "陈建国", Roles.Cadre),
        new("cadre2@yqby.test", "周立群", Roles.Cadre),
        new("enterprise@yqby.test", "刘洋", Roles.Enterprise, EnterpriseCode: "91370405MA3C8K2L60"),
        new("enterprise2@yqby.test", "高雪", Roles.Enterprise, EnterpriseCode: "91370405MA3CA1PXX5"),
    ];

    /// <summary>Each department's head and handler: <c>{code}.head@…</c> and <c>{code}.handler@…</c>.</summary>
    public static IEnumerable<DemoUser> DepartmentStaff(string code, string name) =>
    [
        new($"{code.ToLowerInvariant()}.head@{MailDomain}", $"{name}负责人", Roles.DepartmentHandler, code),
        new($"{code.ToLowerInvariant()}.handler@{MailDomain}", $"{name}经办人", Roles.DepartmentHandler, code),
    ];

    /// <summary>Routing rules: the commissioner who takes a park's or an industry's requests when an enterprise's own cannot.</summary>
    public static IReadOnlyDictionary<string, string> ParkDefaultCommissioners { get; } = new Dictionary<string, string>
    {
        ["经济开发区"] = "commissioner@yqby.test",
        ["台南高端装备制造产业园"] = "commissioner3@yqby.test",
    };

    public static IReadOnlyDictionary<string, string> IndustryDefaultCommissioners { get; } = new Dictionary<string, string>
    {
        ["新材料"] = "commissioner2@yqby.test",
        ["建材"] = "commissioner2@yqby.test",
    };

    public static IReadOnlyList<DemoEnterprise> Enterprises { get; } =
    [
        new("枣庄创普斯新能源科技有限公司", "91370405MA3C8K2L60", "经济开发区", "锂电新能源", true, "commissioner@yqby.test", "cadre@yqby.test"),
        new("丰元汇能新能源材料有限公司", "91370405MA3CA1PXX5", "经济开发区", "锂电新能源", true, "commissioner@yqby.test", "cadre@yqby.test"),
        new("山东盛威新材料有限公司", "9137040515GYGLUYX6", "临港工业园", "新材料", true, "commissioner2@yqby.test", "cadre2@yqby.test"),
        new("启力元新能源科技有限公司", "9137040513WKKHDR4F", "经济开发区", "锂电新能源", true, "commissioner@yqby.test", "cadre@yqby.test"),
        new("天和电解液科技有限公司", "9137040598TPQQFQ1W", "经济开发区", "锂电新能源", true, "commissioner2@yqby.test", "cadre@yqby.test"),
        new("马威电力装备有限公司", "913704059770K2391G", "台南高端装备制造产业园", "高端装备制造", true, "commissioner3@yqby.test", "cadre2@yqby.test"),
        new("王冕集团有限公司", "91370405170TWMFMXK", "临港工业园", "建材", true, "commissioner3@yqby.test", "cadre2@yqby.test"),
        new("华亿矿业有限公司", "9137040553C8BXBR87", "临港工业园", "建材", true, "commissioner2@yqby.test", "cadre2@yqby.test"),
        new("台儿庄精工机械有限公司", "9137040568L2PA2H9A", "台南高端装备制造产业园", "高端装备制造", false, "commissioner3@yqby.test", null),
        new("运河纺织有限公司", "91370405849E4WLN3B", "经济开发区", "纺织", false, "commissioner@yqby.test", null),
        new("鲁南纸业有限公司", "91370405940UNBBE85", "临港工业园", "造纸", true, "commissioner2@yqby.test", "cadre@yqby.test"),
        new("古城新型建材有限公司", "9137040561CWJHFUXB", "临港工业园", "建材", false, "commissioner3@yqby.test", null),
        new("兰祺新材料科技有限公司", "9137040516GRQUKW65", "经济开发区", "新材料", false, "commissioner@yqby.test", null),
        new("台南智能装备有限公司", "9137040576XG8UDJ1T", "台南高端装备制造产业园", "高端装备制造", true, "commissioner3@yqby.test", "cadre2@yqby.test"),
    ];
}
