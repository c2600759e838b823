using Portal.Domain;
using Portal.Domain.Requests;
using static Portal.Tests.Domain.Requests.RequestBuilder;

namespace Portal.Tests.Domain.Requests;

/// <summary>What a request offers each person: exactly the actions it would then let them take.</summary>
public class ActionsForTests
{
    private static readonly Actor[] Cast =
    [
        EnterpriseUser, OtherEnterpriseUser, Commissioner, OtherCommissioner, LeadHead, LeadHandler, CoHandlerUser, OtherHandler,
        Cadre, Supervisor, Admin,
    ];

    public static TheoryData<RequestState, int> StatesAndPeople()
    {
        var data = new TheoryData<RequestState, int>();
        foreach (var state in Enum.GetValues<RequestState>())
        {
            for (var who = 0; who < Cast.Length; who++)
            {
                data.Add(state, who);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(StatesAndPeople))]
    public void ActionsFor_OffersExactlyWhatTheRequestThenLetsThemDo(RequestState state, int who)
    {
        var actor = Cast[who];
        var offered = InState(state).Request.ActionsFor(actor);

        foreach (var (action, call) in RequestLifecycleTableTests.Calls)
        {
            var builder = InState(state);
            var refusal = Record.Exception(() => call(builder.Request, actor, builder.Now.AddMinutes(5)));
            Assert.True(refusal is null or DomainException, $"{action} by {actor.UserId} in {state} failed with {refusal}");
            Assert.True(offered.Contains(action) == (refusal is null),
                $"{action} by {actor.UserId} in {state}: {(offered.Contains(action) ? "offered" : "not offered")} but {(refusal is null ? "done" : $"refused: {refusal.Message}")}");
        }
    }

    [Theory]
    [InlineData(RequestState.Submitted, new[] { RequestAction.Withdraw, RequestAction.Urge })]
    [InlineData(RequestState.Dispatched, new[] { RequestAction.Withdraw, RequestAction.Urge })]
    [InlineData(RequestState.InProgress, new[] { RequestAction.Withdraw, RequestAction.Urge })]
    [InlineData(RequestState.AwaitingEnterprise, new[] { RequestAction.Supplement, RequestAction.Withdraw, RequestAction.Urge })]
    [InlineData(RequestState.Resolved, new[] { RequestAction.Evaluate })]
    [InlineData(RequestState.UnderReview, new RequestAction[0])]
    [InlineData(RequestState.Closed, new RequestAction[0])]
    [InlineData(RequestState.Withdrawn, new RequestAction[0])]
    public void ActionsFor_TheEnterprise_InEachState(RequestState state, RequestAction[] expected)
    {
        var request = InState(state).Request;

        Assert.Equal(expected, request.ActionsFor(EnterpriseUser));
        Assert.Empty(request.ActionsFor(OtherEnterpriseUser));
    }
}
