using Portal.Domain.Identity;
using Portal.Domain.Organisation;

namespace Portal.Bench.Generate;

/// <summary>
/// The people and enterprises the generator creates: 300 staff (1 admin, 9 supervisors, 60 commissioners,
/// 20 cadres, 15 handlers in each of the 14 seeded departments, the first its head) and one user per enterprise.
/// Everything is drawn from the seeded random, so the same seed makes the same cast.
/// </summary>
public static class Cast
{
    public const string MailDomain = "bench.yqby.test";

    /// <summary>The one password of every generated account (hashed once): the benchmarks sign in with it.</summary>
    public const string Password = "Bench#Yqby-2026";

    /// <summary>The commissioner whose queue B1 measures: about 6% of the enterprises are theirs.</summary>
    public const string QueueCommissionerEmail = "commissioner01@" + MailDomain;

    public const string AdminEmail = "admin@" + MailDomain;
    public const int Supervisors = 9;
    public const int Commissioners = 60;
    public const int Cadres = 20;
    public const int HandlersPerDepartment = 15;

    public sealed record Person(string Id, string Email, string DisplayName, string Role, int? DepartmentId = null, int? EnterpriseId = null);

    public sealed record NewEnterprise(int Id, string Name, string CreditCode, int ParkId, int IndustryId, bool IsAboveScale, string? CommissionerUserId, string? CadreUserId);

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "建国", "立群", "海燕", "晓东", "志刚", "红梅"];
    private static readonly string[] Places = ["台儿庄", "枣庄", "鲁南", "运河", "古城", "峄州", "兰陵", "涧头", "马兰屯", "泥沟", "邳庄", "张山子", "台南", "微山湖", "京杭"];
    private static readonly string[] Marks = ["恒泰", "创新", "华亿", "鑫源", "宏达", "瑞丰", "金诚", "永盛", "天和", "盛威", "启航", "丰元", "中科", "博远", "正通", "汇能", "凯旋", "嘉禾", "长青", "新元"];
    private static readonly Dictionary<string, string[]> Trades = new()
    {
        ["锂电新能源"] = ["新能源科技", "锂电材料", "储能科技", "电池科技"],
        ["高端装备制造"] = ["精工机械", "智能装备", "电力装备", "液压机械"],
        ["新材料"] = ["新材料科技", "高分子材料", "碳材料", "复合材料"],
        ["造纸"] = ["纸业", "包装材料", "纸制品"],
        ["纺织"] = ["纺织", "服饰", "纺织印染"],
        ["建材"] = ["新型建材", "水泥", "矿业", "建筑材料"],
    };
    private static readonly string[] Suffixes = ["有限公司", "股份有限公司", "有限责任公司", "集团有限公司"];
    private const string CodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    public static string PersonName(Random random) => Surnames[random.Next(Surnames.Length)] + GivenNames[random.Next(GivenNames.Length)];

    public static IReadOnlyList<Person> Staff(Random random, IReadOnlyList<(int Id, string Code, string Name)> departments)
    {
        var people = new List<Person> { New(random, AdminEmail, "系统管理员", Roles.Admin) };
        people.AddRange(Enumerable.Range(1, Supervisors).Select(i => New(random, $"supervisor{i:00}@{MailDomain}", null, Roles.Supervisor)));
        people.AddRange(Enumerable.Range(1, Commissioners).Select(i => New(random, $"commissioner{i:00}@{MailDomain}", null, Roles.Commissioner)));
        people.AddRange(Enumerable.Range(1, Cadres).Select(i => New(random, $"cadre{i:00}@{MailDomain}", null, Roles.Cadre)));
        foreach (var (id, code, name) in departments)
        {
            var prefix = code.ToLowerInvariant();
            people.Add(New(random, $"{prefix}.head@{MailDomain}", null, Roles.DepartmentHandler, id));
            people.AddRange(Enumerable.Range(2, HandlersPerDepartment - 1)
                .Select(i => New(random, $"{prefix}.handler{i:00}@{MailDomain}", null, Roles.DepartmentHandler, id)));
        }
        return people;
    }

    /// <summary>
    /// Enterprises spread over the parks and industries, each with a valid credit code of the district (370405),
    /// a commissioner (the queue commissioner takes about 6%, one in a hundred has none) and, above scale, a cadre.
    /// </summary>
    public static IReadOnlyList<NewEnterprise> Enterprises(
        Random random, int count, int firstId, IReadOnlyList<int> parks, IReadOnlyList<(int Id, string Name)> industries,
        IReadOnlyList<string> commissioners, string queueCommissioner, IReadOnlyList<string> cadres, ISet<string> takenCodes)
    {
        var names = new HashSet<string>();
        var result = new List<NewEnterprise>(count);
        for (var i = 0; i < count; i++)
        {
            var (industryId, industry) = industries[random.Next(industries.Count)];
            var trades = Trades.GetValueOrDefault(industry) ?? ["科技"];
            string name;
            var attempt = 0;
            do
            {
                name = Places[random.Next(Places.Length)] + Marks[random.Next(Marks.Length)] + trades[random.Next(trades.Length)]
                    + (attempt++ > 3 ? $"{random.Next(2, 99)}号" : "") + Suffixes[random.Next(Suffixes.Length)];
            }
            while (!names.Add(name));
            string code;
            do
            {
                code = CreditCode(random);
            }
            while (!takenCodes.Add(code));
            var aboveScale = random.NextDouble() < 0.3;
            var roll = random.NextDouble();
            var commissioner = roll < 0.01 ? null : roll < 0.07 ? queueCommissioner : commissioners[random.Next(commissioners.Count)];
            var cadre = aboveScale ? cadres[random.Next(cadres.Count)] : null;
            result.Add(new NewEnterprise(firstId + i, name, code, parks[random.Next(parks.Count)], industryId, aboveScale, commissioner, cadre));
        }
        return result;
    }

    /// <summary>A valid code of a company (91) registered in the district (370405): both check characters computed as the standard says.</summary>
    public static string CreditCode(Random random)
    {
        Span<char> code = stackalloc char[UnifiedSocialCreditCode.Length];
        "91370405".AsSpan().CopyTo(code);
        for (var i = 8; i < 16; i++)
        {
            // The organisation code's body is digits and capitals; the credit code's alphabet leaves out I, O, Z, S, V.
            code[i] = CodeAlphabet[random.Next(CodeAlphabet.Length)];
        }
        code[16] = UnifiedSocialCreditCode.OrganisationCheckCharacter(code[8..16]);
        code[17] = UnifiedSocialCreditCode.CheckCharacter(code[..17]);
        return new string(code);
    }

    public static Person EnterpriseUser(Random random, NewEnterprise enterprise) =>
        New(random, $"e{enterprise.Id}@ent.{MailDomain}", null, Roles.Enterprise, enterpriseId: enterprise.Id);

    private static Person New(Random random, string email, string? name, string role, int? departmentId = null, int? enterpriseId = null) =>
        new(GuidFrom(random).ToString(), email, name ?? PersonName(random), role, departmentId, enterpriseId);

    /// <summary>A GUID from the seeded random, so that the same seed gives the same ids.</summary>
    public static Guid GuidFrom(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
