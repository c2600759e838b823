using Portal.Domain.Identity;
using Portal.Domain.Requests;

namespace Portal.Tests.Domain.Requests;

/// <summary>The rows of the table that DESIGN.md §2–3 states outright, written out independently of the table.</summary>
public class RequestLifecycleDesignTests
{
    private static IEnumerable<RequestState> StatesAllowing(RequestAction action, string role) =>
        Enum.GetValues<RequestState>().Where(s => RequestLifecycle.Allows(s, action, role));

    [Fact]
    public void Return_OnlyByTheDepartmentFromDispatchedOrInProgress() =>
        AssertOnly(RequestAction.Return, [RequestState.Dispatched, RequestState.InProgress], [Roles.DepartmentHandler]);

    [Fact]
    public void Withdraw_OnlyByTheEnterpriseBeforeResolution() =>
        AssertOnly(RequestAction.Withdraw,
            [RequestState.Submitted, RequestState.Dispatched, RequestState.InProgress, RequestState.AwaitingEnterprise], [Roles.Enterprise]);

    [Fact]
    public void Evaluate_OnlyByTheEnterpriseOnceResolved() =>
        AssertOnly(RequestAction.Evaluate, [RequestState.Resolved], [Roles.Enterprise]);

    [Fact]
    public void Dispatch_ByCommissionersAndSupervisorsFromSubmitted() =>
        AssertOnly(RequestAction.Dispatch, [RequestState.Submitted], [Roles.Commissioner, Roles.Supervisor]);

    [Fact]
    public void Sign_OnlyByTheDepartment() =>
        AssertOnly(RequestAction.Sign, [RequestState.Dispatched, RequestState.InProgress], [Roles.DepartmentHandler]);

    [Fact]
    public void ApproveExtension_OnlyBySupervisors() =>
        Assert.All(Roles.All.Where(r => r != Roles.Supervisor), role => Assert.Empty(StatesAllowing(RequestAction.ApproveExtension, role)));

    [Fact]
    public void Admins_MayReadButDoNothing() =>
        Assert.DoesNotContain(RequestLifecycle.Rules, rule => rule.Roles.Contains(Roles.Admin));

    [Fact]
    public void ClosedAndWithdrawnRequests_AcceptOnlyInternalNotes() =>
        Assert.All(RequestLifecycle.Rules.Where(r => r.From is RequestState.Closed or RequestState.Withdrawn),
            rule => Assert.Equal(RequestAction.InternalNote, rule.Action));

    [Fact]
    public void Urge_OnlyByTheEnterpriseWhileOpen() =>
        AssertOnly(RequestAction.Urge,
            [RequestState.Submitted, RequestState.Dispatched, RequestState.InProgress, RequestState.AwaitingEnterprise], [Roles.Enterprise]);

    private static void AssertOnly(RequestAction action, RequestState[] states, string[] roles)
    {
        foreach (var role in Roles.All.Append(RequestLifecycle.System))
        {
            var expected = roles.Contains(role) ? states : [];
            Assert.Equal(expected.Order(), StatesAllowing(action, role).Order());
        }
    }
}
