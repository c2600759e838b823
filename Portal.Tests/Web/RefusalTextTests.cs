using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Portal.Domain;
using Portal.Domain.Calendar;
using Portal.Domain.Metrics;
using Portal.Domain.Organisation;
using Portal.Domain.Projects;
using Portal.Domain.Requests;
using Portal.Domain.TimeLimits;
using Portal.Tests.Domain.Requests;
using Portal.Web.Resources;
using Portal.Web.Shared;
using static Portal.Tests.Domain.Requests.RequestBuilder;

namespace Portal.Tests.Web;

/// <summary>
/// Every refusal has its text in Chinese and English (RefusalResource), with as many placeholders as it has arguments,
/// and none is thrown without a code (docs/refusals.md).
/// </summary>
public partial class RefusalTextTests
{
    private static readonly Assembly Domain = typeof(DomainException).Assembly;

    /// <summary>Every code: the constants of the domain's <c>…Refusals</c> classes.</summary>
    public static IReadOnlyList<string> Codes() =>
    [
        .. Domain.GetTypes()
            .Where(t => t is { IsAbstract: true, IsSealed: true } && t.Name.EndsWith("Refusals", StringComparison.Ordinal))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!),
    ];

    /// <summary>Every other key a refusal's arguments are worded with: terms, the enums of <see cref="RefusalArguments"/>, time-limit units.</summary>
    private static IEnumerable<string> ArgumentKeys() =>
        Domain.GetTypes()
            .Where(t => t is { IsAbstract: true, IsSealed: true })
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.FieldType == typeof(Term))
            .Select(f => ((Term)f.GetValue(null)!).Code)
            .Concat(RefusalArguments.Enums.Append(typeof(TimeLimitUnit)).SelectMany(type => Enum.GetNames(type).Select(name => $"{type.Name}.{name}")));

    [Fact]
    public void TheCodes_AreManyAndEachDistinct()
    {
        var codes = Codes();

        Assert.True(codes.Count > 90, $"only {codes.Count} codes found");
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.Contains(RequestRefusals.EvaluationCommentRequired, codes);
        Assert.Contains(TextRefusals.Required, codes);
    }

    [Fact]
    public void EveryCodeAndArgument_HasATextInChineseAndInEnglish_WithTheSamePlaceholders()
    {
        var chinese = Resx("RefusalResource.resx");
        var english = Resx("RefusalResource.en.resx");

        var problems = new List<string>();
        foreach (var key in Codes().Concat(ArgumentKeys()))
        {
            if (!chinese.TryGetValue(key, out var zh) || !english.TryGetValue(key, out var en))
            {
                problems.Add($"{key}: {(chinese.ContainsKey(key) ? "" : "no Chinese ")}{(english.ContainsKey(key) ? "" : "no English")}");
            }
            else if (!Placeholders(zh).SetEquals(Placeholders(en)))
            {
                problems.Add($"{key}: {{{string.Join(",", Placeholders(zh))}}} in Chinese, {{{string.Join(",", Placeholders(en))}}} in English");
            }
            else if (Placeholders(zh).Count > 0 && Placeholders(zh).Max() != Placeholders(zh).Count - 1)
            {
                problems.Add($"{key}: placeholders skip a number");
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void DomainException_CannotBeMadeWithoutACode()
    {
        var constructors = typeof(DomainException).GetConstructors();

        Assert.All(constructors, c => Assert.Equal(["code", "message", "arguments"], c.GetParameters().Select(p => p.Name)));
    }

    [Fact]
    public void NoRefusalInTheSource_HasALiteralForItsCode()
    {
        var root = RepositoryRoot();
        var literals = new[] { "Portal.Domain", "Portal.Infrastructure", "Portal.Web" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(root, project), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => LiteralCode().Matches(File.ReadAllText(file)).Select(m => $"{Path.GetRelativePath(root, file)}: {m.Value}"))
            .ToList();

        Assert.Empty(literals);
    }

    /// <summary>
    /// Every refusal the request's actions give (each action in each state by each person of the cast): in Chinese the
    /// text is the domain's own message, in English it is English, arguments included.
    /// </summary>
    [Fact]
    public void EveryRefusalOfTheRequestsActions_ReadsAsTheDomainsMessageInChinese_AndInEnglishInEnglish()
    {
        Actor[] cast = [EnterpriseUser, OtherEnterpriseUser, Commissioner, OtherCommissioner, LeadHead, LeadHandler, CoHandlerUser, OtherHandler, Cadre, Supervisor, Admin];
        var refusals = new List<DomainException>();
        foreach (var state in Enum.GetValues<RequestState>())
        {
            foreach (var call in RequestLifecycleTableTests.Calls.Values)
            {
                foreach (var actor in cast)
                {
                    var builder = InState(state);
                    if (Record.Exception(() => call(builder.Request, actor, builder.Now.AddMinutes(5))) is DomainException refusal)
                    {
                        refusals.Add(refusal);
                    }
                }
            }
        }
        var late = Submitted().Dispatched();
        refusals.Add(Assert.Throws<DomainException>(() => late.Request.ReturnToDispatcher(LeadHandler, ReturnReason.NotOurResponsibility, null, Days, late.Now.AddDays(7))));
        var resolved = InState(RequestState.Resolved);
        refusals.Add(Assert.Throws<DomainException>(() => resolved.Request.Evaluate(EnterpriseUser, false, Satisfaction.Unsatisfied, null, Days, resolved.Now.AddMinutes(1))));
        refusals.Add(Assert.Throws<DomainException>(() => resolved.Request.InternalNote(Supervisor, new string('长', RequestEvent.TextMaxLength + 1), Days, resolved.Now.AddMinutes(1))));
        var text = Localizer();

        var codes = refusals.Select(r => r.Code).Distinct().ToList();
        Assert.True(codes.Count >= 12, $"only {codes.Count} kinds of refusal: {string.Join(", ", codes)}");
        foreach (var refusal in refusals.DistinctBy(r => r.Message))
        {
            UseCulture("zh-CN");
            Assert.Equal(refusal.Message, text.Describe(refusal));
            UseCulture("en");
            var english = text.Describe(refusal);
            Assert.False(Cjk().IsMatch(english), $"{refusal.Code} in English: {english}");
        }
        UseCulture("en");
        Assert.Equal("Only the lead department may sign for this request",
            text.Describe(refusals.First(r => r.Code == RequestRefusals.NotYours && r.Message == "只有牵头部门可以签收")));
        Assert.Equal("A request may be returned only within 1 working days of its dispatch; that time has passed",
            text.Describe(refusals.Single(r => r.Code == RequestRefusals.ReturnWindowPassed)));
        Assert.Equal("The note must be at most 5000 characters", text.Describe(refusals.Single(r => r.Code == TextRefusals.TooLong)));
    }

    /// <summary>Refusals of the other areas, arguments of each kind: the same in Chinese as the message, English in English.</summary>
    [Fact]
    public void RefusalsOfTheOtherAreas_ReadAsTheDomainsMessageInChinese_AndInEnglishInEnglish()
    {
        var signed = new Dictionary<ProjectStage, DateOnly> { [ProjectStage.Signed] = new(2026, 1, 8) };
        var tomorrow = new Dictionary<ProjectStage, DateOnly> { [ProjectStage.Signed] = new(2026, 3, 3) };
        Action[] refused =
        [
            () => TimeLimit.WorkingDays(0),
            () => TimeLimit.WorkingDays(TimeLimit.MaxAmount + 1),
            () => new TimeLimitPolicy(1, Urgency.Normal).ChangeTarget(TimeLimitTarget.ResolveWithCoHandlers, 0, TimeLimitUnit.WorkingDays),
            () => new TimeLimitPolicy(1, Urgency.Normal).ChangeTarget(TimeLimitTarget.Sign, TimeLimit.MaxAmount + 1, TimeLimitUnit.WorkingHours),
            () => new TimeLimitPolicy(1, Urgency.Normal).ChangeMaxExtensions(TimeLimitPolicy.MaxExtensionsLimit + 1),
            () => new CalendarYear(1900),
            () => _ = new WorkingPeriod(new TimeOnly(12, 0), new TimeOnly(8, 30)),
            () => UnifiedSocialCreditCode.Parse("9137040584"),
            () => UnifiedSocialCreditCode.Parse("91370405849E4WLN3I"),
            () => UnifiedSocialCreditCode.Parse("91370405849E4WLN3C"),
            () => new Enterprise("运河纺织有限公司", UnifiedSocialCreditCode.Parse("91370405849E4WLN3B"), 1, 1, isAboveScale: false).AssignCadre("cadre-1"),
            () => new Enterprise(" ", UnifiedSocialCreditCode.Parse("91370405849E4WLN3B"), 1, 1, isAboveScale: false),
            () => Project.Create(1, new string('项', Project.NameMaxLength + 1), 100m, signed, "user", MondayMorning),
            () => Project.Create(1, "二期", 0m, signed, "user", MondayMorning),
            () => Project.Create(1, "二期", 100m, tomorrow, "user", MondayMorning),
            () => ReportingPeriod.Custom(null, new DateOnly(2026, 3, 10)),
            () => ReportingPeriod.Custom(new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 9)),
            () => ReportingPeriod.Custom(new DateOnly(2021, 1, 1), new DateOnly(2026, 1, 1)),
        ];
        var text = Localizer();

        foreach (var action in refused)
        {
            var refusal = Assert.ThrowsAny<DomainException>(action);
            UseCulture("zh-CN");
            Assert.Equal(refusal.Message, text.Describe(refusal));
            UseCulture("en");
            var english = text.Describe(refusal);
            Assert.False(Cjk().IsMatch(english), $"{refusal.Code} in English: {english}");
        }
    }

    [Fact]
    public void ADateInARefusal_IsWrittenInTheUsersLanguage()
    {
        var refusal = Assert.Throws<DomainException>(() => new CalendarYear(2027).Mark(new DateOnly(2027, 3, 3), CalendarEntryKind.MakeUpWorkingDay, null));
        var text = Localizer();

        UseCulture("zh-CN");
        var chinese = text.Describe(refusal);
        UseCulture("en");
        var english = text.Describe(refusal);

        Assert.Equal("调休上班日 2027年3月3日 应为周六或周日", chinese);
        Assert.Equal("The make-up working day 3 Mar 2027 must be a Saturday or a Sunday", english);
    }

    [Fact]
    public void ARefusalWithoutAText_FallsBackToItsMessage()
    {
        var refusal = new DomainException("Nowhere.Unknown", "未知的拒绝");
        UseCulture("en");

        Assert.Equal("未知的拒绝", Localizer().Describe(refusal));
    }

    private static IStringLocalizer<RefusalResource> Localizer() =>
        new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider().GetRequiredService<IStringLocalizer<RefusalResource>>();

    private static void UseCulture(string name)
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
    }

    private static Dictionary<string, string> Resx(string file) =>
        XDocument.Load(Path.Combine(RepositoryRoot(), "Portal.Web", "Resources", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    private static HashSet<int> Placeholders(string format) =>
        [.. Placeholder().Matches(format.Replace("{{", "", StringComparison.Ordinal).Replace("}}", "", StringComparison.Ordinal))
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Portal.sln")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName ?? throw new InvalidOperationException("Portal.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    /// <summary>A refusal made with a string literal (or an interpolated string) where its code belongs.</summary>
    [GeneratedRegex(@"DomainException\(\s*\$?@?""")]
    private static partial Regex LiteralCode();

    [GeneratedRegex(@"[\u3000-\u303F\u4E00-\u9FFF\uFF00-\uFFEF]")]
    private static partial Regex Cjk();
}
