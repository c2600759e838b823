using Portal.Domain;
using Portal.Domain.Requests;
using static Portal.Tests.Domain.Requests.RequestBuilder;

namespace Portal.Tests.Domain.Requests;

/// <summary>Laws over thousands of random request histories, built from real actions by the real cast.</summary>
public class RequestHistoryTests
{
    public const int Histories = 1200;

    private static readonly (string Name, Action<ServiceRequest, DateTimeOffset, Random> Call)[] Moves =
    [
        ("dispatch", (r, now, rnd) => r.Dispatch(rnd.Next(2) == 0 ? Commissioner : Supervisor, rnd.Next(2) == 0 ? LeadDepartment : OtherDepartment, Days, now)),
        ("handle directly", (r, now, _) => r.HandleDirectly(Commissioner, Days, now)),
        ("sign", (r, now, _) => r.Sign(LeadHandler, Days, now)),
        ("sign other", (r, now, _) => r.Sign(OtherHandler, Days, now)),
        ("return", (r, now, rnd) => r.ReturnToDispatcher(rnd.Next(2) == 0 ? LeadHandler : OtherHandler, ReturnReason.UnclearRequest, null, Days, now)),
        ("transfer", (r, now, rnd) => r.Transfer(Supervisor, rnd.Next(2) == 0 ? LeadDepartment : OtherDepartment, null, Days, now)),
        ("add co-handler", (r, now, _) => r.AddCoHandler(Commissioner, CoHandlerDepartment, Days, now)),
        ("co-handler reply", (r, now, _) => r.CoHandlerReply(CoHandlerUser, "意见", Days, now)),
        ("waive", (r, now, _) => r.WaiveCoHandlerReply(Supervisor, CoHandlerDepartment, null, Days, now)),
        ("ask", (r, now, rnd) => r.AskForMaterials(rnd.Next(2) == 0 ? LeadHandler : Commissioner, "材料", Days, now)),
        ("supplement", (r, now, _) => r.Supplement(EnterpriseUser, "补充", Days, now)),
        ("reply", (r, now, _) => r.PublicReply(Supervisor, "答复", Days, now)),
        ("note", (r, now, _) => r.InternalNote(Supervisor, "备注", Days, now)),
        ("extension", (r, now, rnd) => r.RequestExtension(rnd.Next(2) == 0 ? LeadHandler : Commissioner, 1 + rnd.Next(5), "理由", Days, now)),
        ("approve", (r, now, rnd) => r.ApproveExtension(Supervisor, 1 + rnd.Next(2), Days, now)),
        ("deny", (r, now, _) => r.DenyExtension(Supervisor, "驳回", Days, now)),
        ("resolve", (r, now, rnd) => r.Resolve(rnd.Next(2) == 0 ? LeadHandler : Commissioner, "结果", Days, now)),
        ("evaluate", (r, now, rnd) => r.Evaluate(EnterpriseUser, rnd.Next(2) == 0, (Satisfaction)rnd.Next(3), "评价意见", Days, now)),
        ("review", (r, now, rnd) => r.ReviewDispute(Supervisor, rnd.Next(2) == 0, "甄别", Days, now)),
        ("auto-close", (r, now, _) => r.AutoClose(Days, now)),
        ("withdraw", (r, now, _) => r.Withdraw(EnterpriseUser, null, Days, now)),
        ("urge", (r, now, _) => r.Urge(EnterpriseUser, null, Days, now)),
        ("supervise", (r, now, _) => r.Supervise(Cadre, "督办", Days, now)),
    ];

    private static readonly int[] Forward = [0, 2, 10, 16, 17, 7];

    /// <summary>A random history: up to 60 tries of random moves at random times, refused ones included.</summary>
    public static ServiceRequest RandomHistory(int seed, Action<ServiceRequest, Exception?>? afterEachMove = null)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2024, 1, 2, 8, 0, 0, TimeSpan.FromHours(8)).AddMinutes(random.Next(0, 3 * 365 * 24 * 60 - 200 * 24 * 60));
        var urgency = random.Next(4) == 0 ? Urgency.Urgent : Urgency.Normal;
        var builder = Submitted(start, random.Next(3) == 0 ? RequestChannel.Phone : RequestChannel.Portal, urgency);
        for (var step = 0; step < 60; step++)
        {
            var now = builder.Now.AddMinutes(random.Next(1, random.Next(2) == 0 ? 600 : 6 * 24 * 60));
            // Half the moves push the request forward, so histories get far (three reopens, reviews), not only wide.
            var move = random.Next(2) == 0 ? Moves[Forward[random.Next(Forward.Length)]] : Moves[random.Next(Moves.Length)];
            var failure = Record.Exception(() => move.Call(builder.Request, now, random));
            afterEachMove?.Invoke(builder.Request, failure);
            builder.After(now - builder.Now);
        }
        return builder.Request;
    }

    [Fact]
    public void Recompute_FromTheTimeline_EqualsTheDeadlinesTheRequestKept()
    {
        for (var seed = 0; seed < Histories; seed++)
        {
            var request = RandomHistory(seed);

            var recomputed = RequestClock.Recompute(request.Timeline, request.Targets, Days);

            Assert.True(recomputed.Count == request.Deadlines.Count, $"seed {seed}: {recomputed.Count} recomputed, {request.Deadlines.Count} kept");
            for (var i = 0; i < recomputed.Count; i++)
            {
                Assert.True(recomputed[i].SameAs(request.Deadlines[i]), $"seed {seed}: recomputed {recomputed[i]} but kept {request.Deadlines[i]}");
            }
        }
    }

    [Fact]
    public void NextDueAt_AfterEveryMove_IsTheRunningDeadlineDueFirst()
    {
        var checkedMoves = 0;
        for (var seed = 0; seed < Histories; seed++)
        {
            RandomHistory(seed, (request, _) =>
            {
                var expected = request.Deadlines.Where(d => d.Status == DeadlineStatus.Open && d.Kind != DeadlineKind.Evaluation)
                    .Min(d => (DateTimeOffset?)d.DueAt);
                Assert.True(expected == request.NextDueAt, $"seed {seed}, {request.State}: next due {request.NextDueAt} but the deadlines say {expected}");
                checkedMoves++;
            });
        }
        Assert.Equal(Histories * 60, checkedMoves);
    }

    [Fact]
    public void ARefusedAction_ChangesNothing_AndOnlyDomainRulesRefuse()
    {
        for (var seed = 0; seed < Histories; seed++)
        {
            var before = (Version: 1, State: RequestState.Submitted, Events: 1); // as submitted
            RandomHistory(seed, (request, failure) =>
            {
                if (failure is null)
                {
                    Assert.Equal(before.Version + 1, request.Version);
                    Assert.Equal(before.Events + 1, request.Timeline.Count);
                }
                else
                {
                    Assert.True(failure is DomainException, $"seed {seed}: {failure}");
                    Assert.Equal(before, (request.Version, request.State, request.Timeline.Count));
                }
                before = (request.Version, request.State, request.Timeline.Count);
            });
        }
    }

    [Fact]
    public void EveryHistory_KeepsAtMostOneRunningDeadlinePerKindAndParty_AndNoneOnceFinished()
    {
        var states = new HashSet<RequestState>();
        for (var seed = 0; seed < Histories; seed++)
        {
            var request = RandomHistory(seed, (r, _) => states.Add(r.State));

            var running = request.Deadlines.Where(d => d.IsRunning).GroupBy(d => (d.Kind, d.PartyDepartmentId));
            Assert.All(running, group => Assert.Single(group));
            if (request.State is RequestState.Closed or RequestState.Withdrawn)
            {
                Assert.DoesNotContain(request.Deadlines, d => d.IsRunning);
            }
            Assert.All(request.Deadlines, d => Assert.True(d.DueAt > d.StartedAt, $"seed {seed}: {d}"));
        }
        // The generator passes through every state, so the histories cover each.
        Assert.Equal(Enum.GetValues<RequestState>().Order(), states.Order());
    }
}
