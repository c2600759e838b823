namespace Portal.Domain.Projects;

/// <summary>Codes of the refusals of a project's details (<see cref="ProjectProblem"/>) and of who may keep it.</summary>
public static class ProjectRefusals
{
    public const string NameRequired = "Project.NameRequired";

    /// <summary>{0}: the most characters.</summary>
    public const string NameTooLong = "Project.NameTooLong";

    /// <summary>{0}: the largest investment, in 万元.</summary>
    public const string InvestmentRange = "Project.InvestmentRange";

    /// <summary>{0}: the <see cref="ProjectStage"/>.</summary>
    public const string StageDateMissing = "Project.StageDateMissing";

    /// <summary>{0}: the <see cref="ProjectStage"/>.</summary>
    public const string StageDateInFuture = "Project.StageDateInFuture";

    /// <summary>{0}: the <see cref="ProjectStage"/>.</summary>
    public const string StageDateOutOfOrder = "Project.StageDateOutOfOrder";

    public const string NotKeeper = "Project.NotKeeper";
}
