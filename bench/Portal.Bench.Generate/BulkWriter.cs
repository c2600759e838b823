using Npgsql;
using NpgsqlTypes;
using Portal.Domain.Requests;

namespace Portal.Bench.Generate;

/// <summary>
/// Writes generated rows with PostgreSQL's binary COPY, one table at a time, naming every column it fills:
/// a column someone adds later with a default is left to its default.
/// </summary>
public sealed class BulkWriter(IReadOnlyList<NpgsqlConnection> connections, IReadOnlyDictionary<(int Category, Urgency Urgency), string> targetsJson)
{
    private const string RequestColumns = """
        "Id", "Number", "EnterpriseId", "Channel", "CategoryId", "Urgency", "Title", "Description", "State", "SubmittedAt",
        "SubmittedByUserId", "CommissionerUserId", "CadreUserId", "DispatchedByUserId", "LeadDepartmentId", "LeadHandlerUserId",
        "LeadAssignedAt", "LeadSigned", "HandledByCommissioner", "ReopenCount", "ApprovedExtensions", "PendingExtensionDays",
        "LastUrgedAt", "ProjectId", "Solved", "Satisfaction", "RatingCounts", "ClosedAt", "LastActivityAt", "LastPublicActivityAt",
        "NextDueAt", "Targets", "Version", "ReturnedByDepartments"
        """;

    private const string EventColumns = """
        "Id", "RequestId", "Sequence", "Action", "At", "ActorUserId", "ActorRole", "VisibleToEnterprise", "StateAfter", "Text",
        "DepartmentId", "TargetUserId", "ReturnReason", "Days", "Solved", "Satisfaction", "Upheld"
        """;

    private const string DeadlineColumns = """
        "Id", "RequestId", "Kind", "PartyDepartmentId", "Generation", "StartedAt", "DueAt", "Unit", "Provisional", "Status",
        "PausedAt", "EndedAt", "PausedWorkingTime", "DepartmentId", "RecordedLevel"
        """;

    private const string CoHandlerColumns = """ "Id", "RequestId", "DepartmentId", "AddedAt", "RepliedAt", "WaivedAt" """;

    private const string NoticeColumns = """
        "Id", "UserId", "RequestNumber", "RequestTitle", "EventSequence", "Action", "CreatedAt", "ReadAt"
        """;

    public sealed class Ids
    {
        public long Request { get; set; }
        public long Event { get; set; }
        public long Deadline { get; set; }
        public long CoHandler { get; set; }
        public long Notice { get; set; }
    }

    /// <summary>
    /// Writes one batch, each table on a connection of its own at the same time (the foreign keys are off during the
    /// load, see <see cref="LoadWindow"/>). Ids continue from <paramref name="ids"/>.
    /// </summary>
    public Task WriteAsync(IReadOnlyList<SimulatedRequest> batch, Ids ids)
    {
        var firstRequest = ids.Request;
        ids.Request += batch.Count;
        return Task.WhenAll(
            Task.Run(() =>
            {
                Requests(connections[0], batch, firstRequest);
                CoHandlers(connections[0], batch, firstRequest, ids);
                Escalations(connections[0], batch, firstRequest);
            }),
            Task.Run(() => Events(connections[1 % connections.Count], batch, firstRequest, ids)),
            Task.Run(() => Deadlines(connections[2 % connections.Count], batch, firstRequest, ids)),
            Task.Run(() => Notices(connections[3 % connections.Count], batch, ids)));
    }

    private void Requests(NpgsqlConnection connection, IReadOnlyList<SimulatedRequest> batch, long firstRequest)
    {
        var id = firstRequest;
        using (var copy = connection.BeginBinaryImport($"""COPY "ServiceRequests" ({RequestColumns}) FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var (r, _) in batch)
            {
                copy.StartRow();
                copy.Write(++id, NpgsqlDbType.Bigint);
                copy.Write(r.Number, NpgsqlDbType.Varchar);
                copy.Write(r.EnterpriseId, NpgsqlDbType.Integer);
                copy.Write(r.Channel.ToString(), NpgsqlDbType.Varchar);
                copy.Write(r.CategoryId, NpgsqlDbType.Integer);
                copy.Write(r.Urgency.ToString(), NpgsqlDbType.Varchar);
                copy.Write(r.Title, NpgsqlDbType.Varchar);
                copy.Write(r.Description, NpgsqlDbType.Varchar);
                copy.Write(r.State.ToString(), NpgsqlDbType.Varchar);
                copy.Write(r.SubmittedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                copy.Write(r.SubmittedByUserId, NpgsqlDbType.Varchar);
                Text(copy, r.CommissionerUserId);
                Text(copy, r.CadreUserId);
                Text(copy, r.DispatchedByUserId);
                Int(copy, r.LeadDepartmentId);
                Text(copy, r.LeadHandlerUserId);
                Instant(copy, r.LeadAssignedAt);
                copy.Write(r.LeadSigned, NpgsqlDbType.Boolean);
                copy.Write(r.HandledByCommissioner, NpgsqlDbType.Boolean);
                copy.Write(r.ReopenCount, NpgsqlDbType.Integer);
                copy.Write(r.ApprovedExtensions, NpgsqlDbType.Integer);
                Int(copy, r.PendingExtensionDays);
                Instant(copy, r.LastUrgedAt);
                Int(copy, r.ProjectId);
                Bool(copy, r.Solved);
                Text(copy, r.Satisfaction?.ToString());
                copy.Write(r.RatingCounts, NpgsqlDbType.Boolean);
                Instant(copy, r.ClosedAt);
                copy.Write(r.LastActivityAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                copy.Write(r.LastPublicActivityAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                Instant(copy, r.NextDueAt);
                copy.Write(targetsJson[(r.CategoryId, r.Urgency)], NpgsqlDbType.Varchar);
                copy.Write(r.Version, NpgsqlDbType.Integer);
                copy.Write(r.ReturnedByDepartments.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
            }
            copy.Complete();
        }
    }

    private static void CoHandlers(NpgsqlConnection connection, IReadOnlyList<SimulatedRequest> batch, long firstRequest, Ids ids)
    {
        using (var copy = connection.BeginBinaryImport($"""COPY "RequestCoHandlers" ({CoHandlerColumns}) FROM STDIN (FORMAT BINARY)"""))
        {
            var requestId = firstRequest;
            foreach (var (r, _) in batch)
            {
                requestId++;
                foreach (var c in r.CoHandlers)
                {
                    copy.StartRow();
                    copy.Write(++ids.CoHandler, NpgsqlDbType.Bigint);
                    copy.Write(requestId, NpgsqlDbType.Bigint);
                    copy.Write(c.DepartmentId, NpgsqlDbType.Integer);
                    copy.Write(c.AddedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                    Instant(copy, c.RepliedAt);
                    Instant(copy, c.WaivedAt);
                }
            }
            copy.Complete();
        }
    }

    private static void Events(NpgsqlConnection connection, IReadOnlyList<SimulatedRequest> batch, long firstRequest, Ids ids)
    {
        using (var copy = connection.BeginBinaryImport($"""COPY "RequestEvents" ({EventColumns}) FROM STDIN (FORMAT BINARY)"""))
        {
            var requestId = firstRequest;
            foreach (var (r, _) in batch)
            {
                requestId++;
                foreach (var e in r.Timeline)
                {
                    copy.StartRow();
                    copy.Write(++ids.Event, NpgsqlDbType.Bigint);
                    copy.Write(requestId, NpgsqlDbType.Bigint);
                    copy.Write(e.Sequence, NpgsqlDbType.Integer);
                    copy.Write(e.Action.ToString(), NpgsqlDbType.Varchar);
                    copy.Write(e.At.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                    copy.Write(e.ActorUserId, NpgsqlDbType.Varchar);
                    copy.Write(e.ActorRole, NpgsqlDbType.Varchar);
                    copy.Write(e.VisibleToEnterprise, NpgsqlDbType.Boolean);
                    copy.Write(e.StateAfter.ToString(), NpgsqlDbType.Varchar);
                    Text(copy, e.Text);
                    Int(copy, e.DepartmentId);
                    Text(copy, e.TargetUserId);
                    Text(copy, e.ReturnReason?.ToString());
                    Int(copy, e.Days);
                    Bool(copy, e.Solved);
                    Text(copy, e.Satisfaction?.ToString());
                    Bool(copy, e.Upheld);
                }
            }
            copy.Complete();
        }
    }

    private static void Deadlines(NpgsqlConnection connection, IReadOnlyList<SimulatedRequest> batch, long firstRequest, Ids ids)
    {
        using (var copy = connection.BeginBinaryImport($"""COPY "RequestDeadlines" ({DeadlineColumns}) FROM STDIN (FORMAT BINARY)"""))
        {
            var requestId = firstRequest;
            foreach (var (r, _) in batch)
            {
                requestId++;
                foreach (var d in r.Deadlines)
                {
                    copy.StartRow();
                    copy.Write(++ids.Deadline, NpgsqlDbType.Bigint);
                    copy.Write(requestId, NpgsqlDbType.Bigint);
                    copy.Write(d.Kind.ToString(), NpgsqlDbType.Varchar);
                    copy.Write(d.PartyDepartmentId, NpgsqlDbType.Integer);
                    copy.Write(d.Generation, NpgsqlDbType.Integer);
                    copy.Write(d.StartedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                    copy.Write(d.DueAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                    copy.Write(d.Unit.ToString(), NpgsqlDbType.Varchar);
                    copy.Write(d.Provisional, NpgsqlDbType.Boolean);
                    copy.Write(d.Status.ToString(), NpgsqlDbType.Varchar);
                    Instant(copy, d.PausedAt);
                    Instant(copy, d.EndedAt);
                    copy.Write(d.PausedWorkingTime, NpgsqlDbType.Interval);
                    Int(copy, d.DepartmentId);
                    if (d.RecordedLevel is { } level)
                    {
                        copy.Write(level.ToString(), NpgsqlDbType.Varchar);
                    }
                    else
                    {
                        copy.WriteNull();
                    }
                }
            }
            copy.Complete();
        }
    }

    private static void Escalations(NpgsqlConnection connection, IReadOnlyList<SimulatedRequest> batch, long firstRequest)
    {
        var id = firstRequest;
        using (var copy = connection.BeginBinaryImport("""
            COPY "Escalations" ("RequestId", "Kind", "PartyDepartmentId", "Generation", "Level", "DueAt", "RecordedAt") FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var simulated in batch)
            {
                ++id;
                foreach (var (deadline, level, at) in simulated.Escalations)
                {
                    copy.StartRow();
                    copy.Write(id, NpgsqlDbType.Bigint);
                    copy.Write(deadline.Kind.ToString(), NpgsqlDbType.Varchar);
                    copy.Write(deadline.PartyDepartmentId, NpgsqlDbType.Integer);
                    copy.Write(deadline.Generation, NpgsqlDbType.Integer);
                    copy.Write(level.ToString(), NpgsqlDbType.Varchar);
                    copy.Write(deadline.DueAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                    copy.Write(at.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                }
            }
            copy.Complete();
        }
    }

    private static void Notices(NpgsqlConnection connection, IReadOnlyList<SimulatedRequest> batch, Ids ids)
    {
        using (var copy = connection.BeginBinaryImport($"""COPY "PortalNotifications" ({NoticeColumns}) FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var (r, notices) in batch)
            {
                foreach (var n in notices)
                {
                    copy.StartRow();
                    copy.Write(++ids.Notice, NpgsqlDbType.Bigint);
                    copy.Write(n.UserId, NpgsqlDbType.Varchar);
                    copy.Write(r.Number, NpgsqlDbType.Varchar);
                    copy.Write(r.Title, NpgsqlDbType.Varchar);
                    copy.Write(n.EventSequence, NpgsqlDbType.Integer);
                    copy.Write(n.Action.ToString(), NpgsqlDbType.Varchar);
                    copy.Write(n.CreatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                    Instant(copy, n.ReadAt);
                }
            }
            copy.Complete();
        }
    }

    private static void Text(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, NpgsqlDbType.Varchar);
        }
    }

    private static void Int(NpgsqlBinaryImporter copy, int? value)
    {
        if (value is { } v)
        {
            copy.Write(v, NpgsqlDbType.Integer);
        }
        else
        {
            copy.WriteNull();
        }
    }

    private static void Bool(NpgsqlBinaryImporter copy, bool? value)
    {
        if (value is { } v)
        {
            copy.Write(v, NpgsqlDbType.Boolean);
        }
        else
        {
            copy.WriteNull();
        }
    }

    private static void Instant(NpgsqlBinaryImporter copy, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            copy.Write(v.ToUniversalTime(), NpgsqlDbType.TimestampTz);
        }
        else
        {
            copy.WriteNull();
        }
    }
}
