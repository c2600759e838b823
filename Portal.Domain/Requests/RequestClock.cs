using Portal.Domain.Calendar;

namespace Portal.Domain.Requests;

/// <summary>
/// How each timeline event moves a request's deadlines (DESIGN.md §4). The request applies it as
/// it acts, and <see cref="Recompute"/> replays a whole timeline with it: one piece of code, so a
/// recomputation can only differ from what was stored if the calendar or the data changed.
/// </summary>
public static class RequestClock
{
    public static List<RequestDeadline> Recompute(IEnumerable<RequestEvent> timeline, RequestTargets targets, WorkCalendar calendar)
    {
        var deadlines = new List<RequestDeadline>();
        DateTimeOffset? submittedAt = null;
        foreach (var entry in timeline.OrderBy(e => e.Sequence))
        {
            submittedAt ??= entry.At;
            Apply(deadlines, entry, targets, calendar, submittedAt.Value);
        }
        return deadlines;
    }

    public static void Apply(List<RequestDeadline> deadlines, RequestEvent entry, RequestTargets targets, WorkCalendar calendar, DateTimeOffset submittedAt)
    {
        var at = entry.At;
        switch (entry.Action)
        {
            case RequestAction.Submit:
                Start(deadlines, DeadlineKind.Dispatch, 0, at, targets.Dispatch, calendar);
                Start(deadlines, DeadlineKind.FirstReply, 0, at, targets.FirstReply, calendar);
                Start(deadlines, DeadlineKind.Resolve, 0, at, targets.ResolveSingle, calendar);
                break;
            case RequestAction.Dispatch:
                End(deadlines, DeadlineKind.Dispatch, 0, DeadlineStatus.Met, at);
                Start(deadlines, DeadlineKind.Sign, 0, at, targets.Sign, calendar, entry.DepartmentId);
                Lead(deadlines, entry.DepartmentId);
                break;
            case RequestAction.HandleDirectly:
                End(deadlines, DeadlineKind.Dispatch, 0, DeadlineStatus.Met, at);
                Lead(deadlines, null);
                break;
            case RequestAction.Sign:
                End(deadlines, DeadlineKind.Sign, 0, DeadlineStatus.Met, at);
                break;
            case RequestAction.Return:
                End(deadlines, DeadlineKind.Sign, 0, DeadlineStatus.Superseded, at);
                Start(deadlines, DeadlineKind.Dispatch, 0, at, targets.Dispatch, calendar);
                Lead(deadlines, null);
                break;
            case RequestAction.Transfer:
                Start(deadlines, DeadlineKind.Sign, 0, at, targets.Sign, calendar, entry.DepartmentId);
                Lead(deadlines, entry.DepartmentId);
                break;
            case RequestAction.AddCoHandler:
                var first = !deadlines.Any(d => d.Kind == DeadlineKind.CoHandlerReply);
                Start(deadlines, DeadlineKind.CoHandlerReply, entry.DepartmentId!.Value, at, targets.CoHandlerReply, calendar, entry.DepartmentId);
                if (first)
                {
                    // Several departments: the longer resolve target, counted from submission.
                    Start(deadlines, DeadlineKind.Resolve, 0, at, submittedAt,
                        calendar.DeadlineFor(submittedAt, targets.ResolveWithCoHandlers), targets.ResolveWithCoHandlers.Unit, LeadOf(deadlines));
                }
                break;
            case RequestAction.CoHandlerReply:
                End(deadlines, DeadlineKind.CoHandlerReply, entry.DepartmentId!.Value, DeadlineStatus.Met, at);
                break;
            case RequestAction.WaiveCoHandlerReply:
                End(deadlines, DeadlineKind.CoHandlerReply, entry.DepartmentId!.Value, DeadlineStatus.Waived, at);
                break;
            case RequestAction.AskForMaterials:
                End(deadlines, DeadlineKind.FirstReply, 0, DeadlineStatus.Met, at);
                Pause(deadlines, at);
                break;
            case RequestAction.Supplement:
                Resume(deadlines, at, calendar);
                break;
            case RequestAction.PublicReply:
                if (entry.VisibleToEnterprise)
                {
                    End(deadlines, DeadlineKind.FirstReply, 0, DeadlineStatus.Met, at);
                }
                break;
            case RequestAction.ApproveExtension:
                Extend(deadlines, entry.Days!.Value, at, calendar);
                break;
            case RequestAction.Resolve:
                End(deadlines, DeadlineKind.FirstReply, 0, DeadlineStatus.Met, at);
                End(deadlines, DeadlineKind.Resolve, 0, DeadlineStatus.Met, at);
                Start(deadlines, DeadlineKind.Evaluation, 0, at, targets.EvaluationWindow, calendar);
                break;
            case RequestAction.Evaluate or RequestAction.RecordFollowUpEvaluation:
                End(deadlines, DeadlineKind.Evaluation, 0, DeadlineStatus.Met, at);
                if (entry.StateAfter == RequestState.InProgress)
                {
                    var target = deadlines.Any(d => d.Kind == DeadlineKind.CoHandlerReply) ? targets.ResolveWithCoHandlers : targets.ResolveSingle;
                    Start(deadlines, DeadlineKind.Resolve, 0, at, target, calendar, LeadOf(deadlines));
                }
                break;
            case RequestAction.AutoClose:
                End(deadlines, DeadlineKind.Evaluation, 0, DeadlineStatus.Lapsed, at);
                break;
            case RequestAction.Withdraw:
                break;
            case RequestAction.InternalNote or RequestAction.RequestExtension or RequestAction.DenyExtension or RequestAction.ReviewDispute
                or RequestAction.Urge or RequestAction.Supervise or RequestAction.Distribute or RequestAction.Reassign
                or RequestAction.RecountDeadlines:
                break;
        }
        if (entry.StateAfter is RequestState.Closed or RequestState.Withdrawn)
        {
            // Nothing is awaited of a finished request.
            foreach (var deadline in deadlines.Where(d => d.IsRunning))
            {
                deadline.End(DeadlineStatus.Cancelled, at);
            }
        }
    }

    /// <summary>
    /// Starts the next generation of a deadline at <paramref name="at"/>, superseding the running one of
    /// that kind and party; a paused clock stays paused in the new generation.
    /// </summary>
    private static void Start(
        List<RequestDeadline> deadlines, DeadlineKind kind, int party, DateTimeOffset at, DateTimeOffset startedAt, Deadline due,
        TimeLimitUnit unit, int? departmentId, TimeSpan pausedWorkingTime = default)
    {
        var generation = 1 + deadlines.Where(d => d.Kind == kind && d.PartyDepartmentId == party).Select(d => d.Generation).DefaultIfEmpty(0).Max();
        var running = deadlines.FirstOrDefault(d => d.Kind == kind && d.PartyDepartmentId == party && d.IsRunning);
        var pausedAt = running?.PausedAt;
        running?.End(DeadlineStatus.Superseded, at);
        var next = new RequestDeadline(kind, party, generation, startedAt, due, unit, pausedWorkingTime, departmentId);
        if (pausedAt is { } paused)
        {
            next.Pause(paused);
        }
        deadlines.Add(next);
    }

    private static void Start(
        List<RequestDeadline> deadlines, DeadlineKind kind, int party, DateTimeOffset at, TimeLimit target, WorkCalendar calendar, int? departmentId = null) =>
        Start(deadlines, kind, party, at, at, calendar.DeadlineFor(at, target), target.Unit, departmentId);

    /// <summary>The lead department changed: the running deadlines on the lead's work are charged to the new one.</summary>
    private static void Lead(List<RequestDeadline> deadlines, int? departmentId)
    {
        foreach (var deadline in deadlines.Where(d => d.IsRunning && d.Kind is DeadlineKind.FirstReply or DeadlineKind.Resolve))
        {
            deadline.ChargeTo(departmentId);
        }
    }

    /// <summary>The lead department as the resolve deadlines last knew it: what a new resolve generation or round is charged to.</summary>
    private static int? LeadOf(List<RequestDeadline> deadlines) =>
        deadlines.Where(d => d.Kind == DeadlineKind.Resolve).MaxBy(d => d.Generation)?.DepartmentId;

    private static void End(List<RequestDeadline> deadlines, DeadlineKind kind, int party, DeadlineStatus status, DateTimeOffset at) =>
        deadlines.FirstOrDefault(d => d.Kind == kind && d.PartyDepartmentId == party && d.IsRunning)?.End(status, at);

    private static void Pause(List<RequestDeadline> deadlines, DateTimeOffset at) =>
        deadlines.FirstOrDefault(d => d.Kind == DeadlineKind.Resolve && d.Status == DeadlineStatus.Open)?.Pause(at);

    /// <summary>
    /// The resolve clock runs again: a working-days target gets the working days that were left at the
    /// pause, counted after the day of the resume; an hours or natural-days target gets the time left.
    /// </summary>
    private static void Resume(List<RequestDeadline> deadlines, DateTimeOffset at, WorkCalendar calendar)
    {
        var paused = deadlines.FirstOrDefault(d => d.Kind == DeadlineKind.Resolve && d.Status == DeadlineStatus.Paused);
        if (paused is null)
        {
            return;
        }
        var pausedAt = paused.PausedAt!.Value;
        var due = paused.Unit switch
        {
            TimeLimitUnit.WorkingDays => calendar.DeadlineAfterResume(calendar.WorkingDaysLeftAtPause(paused.DueAt, pausedAt), at),
            TimeLimitUnit.WorkingHours => calendar.DeadlineAfterResume(calendar.WorkingTimeLeftAtPause(paused.DueAt, pausedAt), at),
            TimeLimitUnit.NaturalDays => NaturalDaysAfterResume(paused.DueAt, pausedAt, at, calendar),
        };
        paused.Resume(due, calendar.WorkingTimeBetween(pausedAt, at));
    }

    /// <summary>An approved extension adds its working days after the current deadline's day, as a new generation.</summary>
    private static void Extend(List<RequestDeadline> deadlines, int days, DateTimeOffset at, WorkCalendar calendar)
    {
        if (deadlines.FirstOrDefault(d => d.Kind == DeadlineKind.Resolve && d.IsRunning) is { } current)
        {
            Start(deadlines, DeadlineKind.Resolve, 0, at, current.StartedAt, calendar.AddWorkingDays(current.DueAt, days),
                TimeLimitUnit.WorkingDays, current.DepartmentId, current.PausedWorkingTime);
        }
    }

    private static Deadline NaturalDaysAfterResume(DateTimeOffset due, DateTimeOffset pausedAt, DateTimeOffset resumedAt, WorkCalendar calendar)
    {
        var daysLeft = WorkCalendar.DayOf(due).DayNumber - WorkCalendar.DayOf(pausedAt).DayNumber;
        return daysLeft > 0 ? calendar.AddNaturalDays(resumedAt, daysLeft) : calendar.DeadlineAfterResume(0, resumedAt);
    }
}
