namespace Portal.Domain.Requests;

/// <summary>
/// One entry of a request's timeline: who did what, when, and whether the enterprise may see it.
/// The timeline is append-only and holds everything the deadlines are recomputed from.
/// </summary>
public sealed class RequestEvent
{
    public const int TextMaxLength = 5000;

    public long Id { get; private set; }
    public int Sequence { get; private set; }
    public RequestAction Action { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string ActorUserId { get; private set; } = "";
    public string ActorRole { get; private set; } = "";
    public bool VisibleToEnterprise { get; private set; }

    /// <summary>The state the request was in after this event.</summary>
    public RequestState StateAfter { get; private set; }

    /// <summary>What was said: a reply, a note, a reason; null for actions without words.</summary>
    public string? Text { get; private set; }

    /// <summary>The department acted on: dispatched or transferred to, added as or replying as co-handler.</summary>
    public int? DepartmentId { get; private set; }

    /// <summary>The person acted on: the handler a head distributes to, the commissioner a supervisor reassigns to.</summary>
    public string? TargetUserId { get; private set; }

    public ReturnReason? ReturnReason { get; private set; }

    /// <summary>Working days requested (extension request) or granted (approval).</summary>
    public int? Days { get; private set; }

    public bool? Solved { get; private set; }
    public Satisfaction? Satisfaction { get; private set; }

    /// <summary>For a dispute review: true when the supervisors upheld the rating (it counts).</summary>
    public bool? Upheld { get; private set; }

    private RequestEvent()
    {
    }

    internal RequestEvent(int sequence, RequestAction action, DateTimeOffset at, Actor actor, bool visibleToEnterprise, RequestState stateAfter)
    {
        Sequence = sequence;
        Action = action;
        At = at;
        ActorUserId = actor.UserId;
        ActorRole = actor.Role;
        VisibleToEnterprise = visibleToEnterprise;
        StateAfter = stateAfter;
    }

    internal RequestEvent With(
        string? text = null, int? departmentId = null, string? targetUserId = null, ReturnReason? returnReason = null,
        int? days = null, bool? solved = null, Satisfaction? satisfaction = null, bool? upheld = null)
    {
        Text = text;
        DepartmentId = departmentId;
        TargetUserId = targetUserId;
        ReturnReason = returnReason;
        Days = days;
        Solved = solved;
        Satisfaction = satisfaction;
        Upheld = upheld;
        return this;
    }
}
