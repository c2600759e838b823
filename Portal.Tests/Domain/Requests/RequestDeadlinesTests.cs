using Portal.Domain.Calendar;
using Portal.Domain.Requests;
using static Portal.Tests.Domain.Requests.RequestBuilder;

namespace Portal.Tests.Domain.Requests;

public class RequestDeadlinesTests
{
    private static DateTimeOffset At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    private static RequestDeadline Running(ServiceRequest request, DeadlineKind kind, int party = 0) =>
        request.Deadlines.Single(d => d.Kind == kind && d.PartyDepartmentId == party && d.IsRunning);

    [Fact]
    public void Submit_OnMondayMorning_StartsDispatchFirstReplyAndResolveClocks()
    {
        var request = Submitted(At(3, 2, 9)).Request;

        Assert.Equal(At(3, 2, 11), Running(request, DeadlineKind.Dispatch).DueAt);
        Assert.Equal(At(3, 4, 17, 30), Running(request, DeadlineKind.FirstReply).DueAt);
        Assert.Equal(At(3, 16, 17, 30), Running(request, DeadlineKind.Resolve).DueAt);
        Assert.All(request.Deadlines, d => Assert.Equal(1, d.Generation));
    }

    [Fact]
    public void Pause_AndResume_FollowDesignsWorkedExample()
    {
        // DESIGN.md §4: submitted Monday 03-02, due 03-16; paused Wednesday 03-04 with 8 working days left;
        // resumed Tuesday 03-10, so due the 8th working day after 03-10: Friday 03-20 17:30.
        var builder = Submitted(At(3, 2, 10)).Dispatched().Signed();
        builder.After(At(3, 4, 10) - builder.Now).AwaitingMaterials();
        Assert.Equal(DeadlineStatus.Paused, Running(builder.Request, DeadlineKind.Resolve).Status);

        builder.After(At(3, 10, 10) - builder.Now).Do((r, now) => r.Supplement(EnterpriseUser, "已补充红线图", Days, now));

        var resolve = Running(builder.Request, DeadlineKind.Resolve);
        Assert.Equal(At(3, 20, 17, 30), resolve.DueAt);
        Assert.Equal(1, resolve.Generation);
        Assert.Equal(DeadlineStatus.Open, resolve.Status);
    }

    [Fact]
    public void Dispatch_MeetsTheDispatchDeadlineAndStartsOneWorkingDayToSign()
    {
        var builder = Submitted(At(3, 2, 9)).After(TimeSpan.FromHours(3)).Dispatched();

        var dispatch = builder.Request.Deadlines.Single(d => d.Kind == DeadlineKind.Dispatch);
        Assert.Equal(DeadlineStatus.Met, dispatch.Status);
        Assert.True(dispatch.WasLate);
        Assert.Equal(At(3, 3, 17, 30), Running(builder.Request, DeadlineKind.Sign).DueAt);
    }

    [Fact]
    public void Return_SupersedesTheSignClockAndStartsASecondDispatchGeneration()
    {
        var builder = Submitted(At(3, 2, 9)).Dispatched()
            .Do((r, now) => r.ReturnToDispatcher(LeadHandler, ReturnReason.NotOurResponsibility, null, Days, now));

        Assert.Equal(DeadlineStatus.Superseded, builder.Request.Deadlines.Single(d => d.Kind == DeadlineKind.Sign).Status);
        var dispatch = Running(builder.Request, DeadlineKind.Dispatch);
        Assert.Equal(2, dispatch.Generation);
        Assert.Equal(builder.Now, dispatch.StartedAt);
    }

    [Fact]
    public void Transfer_StartsANewSignGenerationForTheNewDepartment()
    {
        var builder = Submitted(At(3, 2, 9)).Dispatched().Signed()
            .Do((r, now) => r.Transfer(Commissioner, OtherDepartment, "应由住建局牵头", Days, now));

        Assert.Equal(2, Running(builder.Request, DeadlineKind.Sign).Generation);
        Assert.Equal(RequestState.InProgress, builder.Request.State);
        Assert.False(builder.Request.LeadSigned);
        builder.Do((r, now) => r.Sign(OtherHandler, Days, now));
        Assert.True(builder.Request.LeadSigned);
    }

    [Fact]
    public void FirstCoHandler_RecountsResolveFromSubmissionWithTheSeveralDepartmentsTarget()
    {
        var builder = Submitted(At(3, 2, 9)).Dispatched().After(TimeSpan.FromDays(2)).WithCoHandler();

        var resolve = Running(builder.Request, DeadlineKind.Resolve);
        Assert.Equal(2, resolve.Generation);
        Assert.Equal(At(3, 2, 9), resolve.StartedAt);
        Assert.Equal(At(4, 7, 17, 30), resolve.DueAt); // 25 working days after 2 March, Qingming (4–6 April) off
        Assert.Equal(builder.Now, Running(builder.Request, DeadlineKind.CoHandlerReply, CoHandlerDepartment).StartedAt);
    }

    [Fact]
    public void SecondCoHandler_DoesNotRestartTheResolveClock()
    {
        var builder = Submitted(At(3, 2, 9)).Dispatched().WithCoHandler()
            .Do((r, now) => r.AddCoHandler(Supervisor, OtherDepartment, Days, now));

        Assert.Equal(2, Running(builder.Request, DeadlineKind.Resolve).Generation);
        Assert.Equal(2, builder.Request.Deadlines.Count(d => d.Kind == DeadlineKind.CoHandlerReply && d.IsRunning));
    }

    [Fact]
    public void ApprovedExtension_AddsWorkingDaysAfterTheDeadlinesDayAsANewGeneration()
    {
        var builder = Submitted(At(3, 2, 9)).Dispatched().Signed()
            .Do((r, now) => r.RequestExtension(LeadHandler, 5, "需现场踏勘", Days, now))
            .Do((r, now) => r.ApproveExtension(Supervisor, 3, Days, now));

        var resolve = Running(builder.Request, DeadlineKind.Resolve);
        Assert.Equal(2, resolve.Generation);
        Assert.Equal(At(3, 19, 17, 30), resolve.DueAt);
        Assert.Equal(At(3, 2, 9), resolve.StartedAt);
    }

    [Fact]
    public void Reopen_StartsANewResolveGenerationFromTheEvaluation()
    {
        var builder = InState(RequestState.Resolved).After(TimeSpan.FromDays(1)).Evaluated(false, Satisfaction.Unsatisfied);

        var resolve = Running(builder.Request, DeadlineKind.Resolve);
        Assert.Equal(builder.Now, resolve.StartedAt);
        Assert.True(resolve.Generation >= 2);
        Assert.Equal(DeadlineStatus.Met, builder.Request.Deadlines.Single(d => d.Kind == DeadlineKind.Evaluation).Status);
    }

    [Fact]
    public void ChargedDepartment_SignToTheDepartmentSent_ResolveToTheLeadWhileItRuns()
    {
        var builder = Submitted(At(3, 2, 9));
        Assert.All(builder.Request.Deadlines, d => Assert.Null(d.DepartmentId));

        builder.Dispatched().Signed().Do((r, now) => r.Transfer(Commissioner, OtherDepartment, "应由住建局牵头", Days, now));

        var signs = builder.Request.Deadlines.Where(d => d.Kind == DeadlineKind.Sign).OrderBy(d => d.Generation).ToList();
        Assert.Equal([LeadDepartment, OtherDepartment], signs.Select(d => d.DepartmentId));
        Assert.Equal(OtherDepartment, Running(builder.Request, DeadlineKind.Resolve).DepartmentId);
        Assert.Equal(OtherDepartment, Running(builder.Request, DeadlineKind.FirstReply).DepartmentId);
        Assert.Null(builder.Request.Deadlines.Single(d => d.Kind == DeadlineKind.Dispatch).DepartmentId);
    }

    [Fact]
    public void ChargedDepartment_AReturnLeavesResolveWithNone_AndTheNextDispatchChargesItAgain()
    {
        var builder = Submitted(At(3, 2, 9)).Dispatched()
            .Do((r, now) => r.ReturnToDispatcher(LeadHandler, ReturnReason.NotOurResponsibility, null, Days, now));

        Assert.Null(Running(builder.Request, DeadlineKind.Resolve).DepartmentId);
        Assert.Equal(LeadDepartment, builder.Request.Deadlines.Single(d => d.Kind == DeadlineKind.Sign).DepartmentId);

        builder.Do((r, now) => r.Dispatch(Commissioner, OtherDepartment, Days, now));
        Assert.Equal(OtherDepartment, Running(builder.Request, DeadlineKind.Resolve).DepartmentId);
    }

    [Fact]
    public void ChargedDepartment_NewResolveGenerationsAndRoundsKeepTheLead_CoHandlerRepliesTheirOwnDepartment()
    {
        var builder = Submitted(At(3, 2, 9)).Dispatched().WithCoHandler().Signed()
            .Do((r, now) => r.RequestExtension(LeadHandler, 5, "需现场踏勘", Days, now))
            .Do((r, now) => r.ApproveExtension(Supervisor, 3, Days, now))
            .CoHandlerReplied().Resolved().Evaluated(false, Satisfaction.Unsatisfied);

        Assert.All(builder.Request.Deadlines.Where(d => d.Kind == DeadlineKind.Resolve), d => Assert.Equal(LeadDepartment, d.DepartmentId));
        // Four generations, two rounds: the first round's last (extended) deadline, met, and the reopen's, running.
        Assert.Equal([DeadlineStatus.Superseded, DeadlineStatus.Superseded, DeadlineStatus.Met, DeadlineStatus.Open],
            builder.Request.Deadlines.Where(d => d.Kind == DeadlineKind.Resolve).OrderBy(d => d.Generation).Select(d => d.Status));
        Assert.Equal(CoHandlerDepartment, builder.Request.Deadlines.Single(d => d.Kind == DeadlineKind.CoHandlerReply).DepartmentId);
        Assert.Null(builder.Request.Deadlines.Single(d => d.Kind == DeadlineKind.Evaluation).DepartmentId);
    }

    [Fact]
    public void ChargedDepartment_HandledByTheCommissioner_IsNone()
    {
        var builder = Submitted(At(3, 2, 9)).Do((r, now) => r.HandleDirectly(Commissioner, Days, now));

        Assert.Null(Running(builder.Request, DeadlineKind.Resolve).DepartmentId);
    }

    [Fact]
    public void Resolve_StartsTheSevenNaturalDayEvaluationWindow_AndAutoCloseLapsesIt()
    {
        var builder = Submitted(At(3, 2, 9)).Dispatched().Signed().Resolved();
        var window = Running(builder.Request, DeadlineKind.Evaluation);
        Assert.Equal(At(3, 10, 0), window.DueAt); // 24:00 of Monday 9 March, the 7th natural day

        builder.Request.AutoClose(Days, window.DueAt.AddMinutes(1));

        Assert.Equal(RequestState.Closed, builder.Request.State);
        Assert.False(builder.Request.RatingCounts);
        Assert.Equal(DeadlineStatus.Lapsed, builder.Request.Deadlines.Single(d => d.Kind == DeadlineKind.Evaluation).Status);
    }

    [Fact]
    public void FirstPublicReply_MeetsTheFirstReplyDeadline()
    {
        var builder = Submitted(At(3, 2, 9)).Do((r, now) => r.PublicReply(Commissioner, "已收到，正在协调", Days, now));

        Assert.Equal(DeadlineStatus.Met, builder.Request.Deadlines.Single(d => d.Kind == DeadlineKind.FirstReply).Status);
    }

    [Fact]
    public void Withdraw_CancelsEveryRunningClock()
    {
        var builder = Submitted(At(3, 2, 9)).Dispatched().Do((r, now) => r.Withdraw(EnterpriseUser, "问题已自行解决", Days, now));

        Assert.DoesNotContain(builder.Request.Deadlines, d => d.IsRunning);
        Assert.Contains(builder.Request.Deadlines, d => d.Status == DeadlineStatus.Cancelled);
    }

    [Fact]
    public void UrgentRequest_HasTwoWorkingHoursToSignAndThreeWorkingDaysToResolve()
    {
        var builder = Submitted(At(3, 2, 9), urgency: Urgency.Urgent).Dispatched();

        Assert.Equal(At(3, 2, 11, 5), Running(builder.Request, DeadlineKind.Sign).DueAt);
        Assert.Equal(At(3, 5, 17, 30), Running(builder.Request, DeadlineKind.Resolve).DueAt);
    }

    [Fact]
    public void FractionUsed_HalfwayThroughTheDispatchWindow_IsOneHalf()
    {
        var request = Submitted(At(3, 2, 9)).Request;

        Assert.Equal(0.5, Running(request, DeadlineKind.Dispatch).FractionUsed(Days, At(3, 2, 10)), precision: 6);
    }

    [Fact]
    public void RecountDeadlines_AfterADayOffIsAdded_MovesTheDeadlinesPastItAndNotesItInternally()
    {
        var builder = Submitted(At(3, 2, 9)).Dispatched();
        var daysOff = Days.DaysOff.ToDictionary(d => d.Key, d => d.Value);
        daysOff[new DateOnly(2026, 3, 10)] = "停电检修";
        var changed = new WorkCalendar(Days.Years, daysOff, Days.MakeUpWorkingDays);

        var moved = builder.Request.RecountDeadlines(changed, At(3, 2, 12));

        Assert.True(moved);
        Assert.Equal(At(3, 17, 17, 30), Running(builder.Request, DeadlineKind.Resolve).DueAt);
        Assert.Equal(At(3, 3, 17, 30), Running(builder.Request, DeadlineKind.Sign).DueAt);
        var note = builder.Request.Timeline[^1];
        Assert.Equal(RequestAction.RecountDeadlines, note.Action);
        Assert.False(note.VisibleToEnterprise);
        Assert.All(RequestClock.Recompute(builder.Request.Timeline, builder.Request.Targets, changed)
            .Zip(builder.Request.Deadlines), pair => Assert.True(pair.First.SameAs(pair.Second), $"{pair.First} vs {pair.Second}"));
    }

    [Fact]
    public void RecountDeadlines_WhenNoDeadlineMoves_LeavesTheRequestAsItWas()
    {
        var builder = Submitted(At(3, 2, 9)).Dispatched();
        var daysOff = Days.DaysOff.ToDictionary(d => d.Key, d => d.Value);
        daysOff[new DateOnly(2026, 6, 1)] = "停电检修";
        var version = builder.Request.Version;

        var moved = builder.Request.RecountDeadlines(new WorkCalendar(Days.Years, daysOff, Days.MakeUpWorkingDays), At(3, 2, 12));

        Assert.False(moved);
        Assert.Equal(version, builder.Request.Version);
        Assert.NotEqual(RequestAction.RecountDeadlines, builder.Request.Timeline[^1].Action);
    }
}
