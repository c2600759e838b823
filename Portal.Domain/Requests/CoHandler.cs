namespace Portal.Domain.Requests;

/// <summary>协办单位: a department that helps the lead and owes it a reply.</summary>
public sealed class CoHandler
{
    public long Id { get; private set; }
    public int DepartmentId { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }
    public DateTimeOffset? RepliedAt { get; private set; }

    /// <summary>Set when a supervisor waived the reply, so the lead may resolve without it.</summary>
    public DateTimeOffset? WaivedAt { get; private set; }

    private CoHandler()
    {
    }

    internal CoHandler(int departmentId, DateTimeOffset addedAt)
    {
        DepartmentId = departmentId;
        AddedAt = addedAt;
    }

    public bool IsSettled => RepliedAt is not null || WaivedAt is not null;

    internal void Reply(DateTimeOffset at) => RepliedAt = at;

    internal void Waive(DateTimeOffset at) => WaivedAt = at;
}
