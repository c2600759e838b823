using Portal.Domain.Calendar;

namespace Portal.Domain.Projects;

/// <summary>The stages of an investment project's life, in order (全生命周期服务: from signing to production).</summary>
public enum ProjectStage
{
    /// <summary>签约: the investment agreement is signed.</summary>
    Signed,

    /// <summary>立项: the project is approved or filed (核准/备案).</summary>
    Registered,

    /// <summary>审批: land, planning, environment and construction permits.</summary>
    Permitted,

    /// <summary>开工: construction started.</summary>
    Started,

    /// <summary>投产: in production.</summary>
    Producing,
}

/// <summary>One thing wrong with a project's details: which field, a code for the UI's text, and the message in Chinese.</summary>
public sealed record ProjectProblem(string Field, string Code, string Message, params object[] Arguments);

/// <summary>A project's details were refused; <see cref="Problems"/> says what, field by field.</summary>
public sealed class ProjectInvalidException(IReadOnlyList<ProjectProblem> problems)
    : DomainException(problems[0].Code, problems[0].Message, problems[0].Arguments)
{
    public IReadOnlyList<ProjectProblem> Problems { get; } = problems;
}

/// <summary>
/// 项目: an enterprise's investment project, followed from signing to production (全生命周期服务). Kept by the
/// enterprise's users and its commissioner; requests may be linked to it. Its stage is the furthest one reached, and
/// every stage up to it has the date it was reached, in order, none in the future.
/// </summary>
public sealed class Project
{
    public const int NameMaxLength = 100;

    /// <summary>The largest planned investment accepted, in 万元 (ten thousand yuan).</summary>
    public const decimal MaxInvestment = 99_999_999.99m;

    public const string NameField = "Name";
    public const string InvestmentField = "Investment";

    public int Id { get; private set; }
    public int EnterpriseId { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>计划投资, in 万元.</summary>
    public decimal PlannedInvestment { get; private set; }

    public ProjectStage Stage { get; private set; }
    public DateOnly SignedOn { get; private set; }
    public DateOnly? RegisteredOn { get; private set; }
    public DateOnly? PermittedOn { get; private set; }
    public DateOnly? StartedOn { get; private set; }
    public DateOnly? ProducingOn { get; private set; }
    public string CreatedByUserId { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Optimistic concurrency: two people editing at once cannot both win.</summary>
    public int Version { get; private set; }

    private Project()
    {
    }

    public static Project Create(
        int enterpriseId, string? name, decimal plannedInvestment, IReadOnlyDictionary<ProjectStage, DateOnly> stageDates,
        string userId, DateTimeOffset now)
    {
        var project = new Project { EnterpriseId = enterpriseId, CreatedByUserId = userId, CreatedAt = now };
        project.Change(name, plannedInvestment, stageDates, now);
        return project;
    }

    /// <summary>Replaces the name, the investment and the stages, all checked together.</summary>
    public void Change(string? name, decimal plannedInvestment, IReadOnlyDictionary<ProjectStage, DateOnly> stageDates, DateTimeOffset now)
    {
        var problems = Check(name, plannedInvestment, stageDates, now);
        if (problems.Count > 0)
        {
            throw new ProjectInvalidException(problems);
        }
        Name = name!.Trim();
        PlannedInvestment = plannedInvestment;
        Stage = stageDates.Keys.Max();
        SignedOn = stageDates[ProjectStage.Signed];
        RegisteredOn = DateOrNull(stageDates, ProjectStage.Registered);
        PermittedOn = DateOrNull(stageDates, ProjectStage.Permitted);
        StartedOn = DateOrNull(stageDates, ProjectStage.Started);
        ProducingOn = DateOrNull(stageDates, ProjectStage.Producing);
        UpdatedAt = now;
        Version++;
    }

    /// <summary>The date the project reached <paramref name="stage"/>; null when it has not yet.</summary>
    public DateOnly? DateOf(ProjectStage stage) => stage switch
    {
        ProjectStage.Signed => SignedOn,
        ProjectStage.Registered => RegisteredOn,
        ProjectStage.Permitted => PermittedOn,
        ProjectStage.Started => StartedOn,
        ProjectStage.Producing => ProducingOn,
    };

    public IReadOnlyDictionary<ProjectStage, DateOnly> StageDates =>
        Enum.GetValues<ProjectStage>().Where(s => DateOf(s) is not null).ToDictionary(s => s, s => DateOf(s)!.Value);

    /// <summary>The field a stage's date is entered in.</summary>
    public static string StageField(ProjectStage stage) => $"Stage.{stage}";

    /// <summary>Everything wrong with these details, field by field; empty when they may be saved.</summary>
    public static IReadOnlyList<ProjectProblem> Check(
        string? name, decimal plannedInvestment, IReadOnlyDictionary<ProjectStage, DateOnly> stageDates, DateTimeOffset now)
    {
        var problems = new List<ProjectProblem>();
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            problems.Add(new(NameField, ProjectRefusals.NameRequired, "请填写项目名称"));
        }
        else if (trimmed.Length > NameMaxLength)
        {
            problems.Add(new(NameField, ProjectRefusals.NameTooLong, $"项目名称不能超过 {NameMaxLength} 个字符", NameMaxLength));
        }
        if (plannedInvestment <= 0 || plannedInvestment > MaxInvestment || decimal.Round(plannedInvestment, 2) != plannedInvestment)
        {
            problems.Add(new(InvestmentField, ProjectRefusals.InvestmentRange, $"计划投资应大于 0、不超过 {MaxInvestment:0.##} 万元，最多两位小数", MaxInvestment));
        }
        var today = WorkCalendar.DayOf(now);
        DateOnly? previous = null;
        var reached = stageDates.Count == 0 ? (ProjectStage?)null : stageDates.Keys.Max();
        foreach (var stage in Enum.GetValues<ProjectStage>())
        {
            if (!stageDates.TryGetValue(stage, out var date))
            {
                if (stage == ProjectStage.Signed || (reached is { } furthest && stage < furthest))
                {
                    problems.Add(new(StageField(stage), ProjectRefusals.StageDateMissing, $"请填写{ProjectStageLabels.Of(stage)}日期（已到达的阶段都要填写日期）", stage));
                }
                continue;
            }
            if (date > today)
            {
                problems.Add(new(StageField(stage), ProjectRefusals.StageDateInFuture, $"{ProjectStageLabels.Of(stage)}日期不能晚于今天", stage));
            }
            else if (previous is { } before && date < before)
            {
                problems.Add(new(StageField(stage), ProjectRefusals.StageDateOutOfOrder, $"{ProjectStageLabels.Of(stage)}日期不能早于上一阶段的日期", stage));
            }
            previous = date;
        }
        return problems;
    }

    private static DateOnly? DateOrNull(IReadOnlyDictionary<ProjectStage, DateOnly> dates, ProjectStage stage) =>
        dates.TryGetValue(stage, out var date) ? date : null;
}

public static class ProjectStageLabels
{
    public static string Of(ProjectStage stage) => stage switch
    {
        ProjectStage.Signed => "签约",
        ProjectStage.Registered => "立项",
        ProjectStage.Permitted => "审批",
        ProjectStage.Started => "开工",
        ProjectStage.Producing => "投产",
    };
}
