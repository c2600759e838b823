using Portal.Domain.Projects;
using Portal.Domain.Requests;
using Portal.Domain.TimeLimits;

namespace Portal.Domain;

/// <summary>What a <see cref="DomainException"/>'s arguments may be besides numbers, text and dates.</summary>
public static class RefusalArguments
{
    /// <summary>
    /// The enums a refusal passes as arguments. The UI words each value with the resource <c>{Type}.{Value}</c>
    /// (<c>RequestState.Submitted</c>); a test checks every value has its text.
    /// </summary>
    public static readonly IReadOnlyList<Type> Enums = [typeof(RequestState), typeof(RequestAction), typeof(TimeLimitTarget), typeof(ProjectStage)];
}
