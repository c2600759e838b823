using System.Globalization;

namespace Portal.Infrastructure.Audit;

/// <summary>
/// One line of the audit log (审计日志): an admin's change, with the state before and after as JSON, or a
/// sign-in attempt. Written once and never changed: the type has no setters, the context refuses to save
/// a changed or deleted entry, and the database refuses UPDATE and DELETE on the table (a trigger).
/// </summary>
public sealed class AuditEntry
{
    public const int KindMaxLength = 48;
    public const int ActorMaxLength = 256;
    public const int SubjectTypeMaxLength = 32;
    public const int SubjectIdMaxLength = 450;
    public const int SubjectLabelMaxLength = 256;
    public const int IpAddressMaxLength = 64;

    private AuditEntry()
    {
    }

    public AuditEntry(DateTimeOffset at, string? actorUserId, string actorName, string kind,
        string subjectType, string subjectId, string subjectLabel, string? before, string? after, string? ipAddress)
    {
        At = at;
        ActorUserId = actorUserId;
        ActorName = Truncate(actorName, ActorMaxLength);
        Kind = kind;
        SubjectType = subjectType;
        SubjectId = Truncate(subjectId, SubjectIdMaxLength);
        SubjectLabel = Truncate(subjectLabel, SubjectLabelMaxLength);
        Before = before;
        After = after;
        IpAddress = ipAddress is null ? null : Truncate(ipAddress, IpAddressMaxLength);
    }

    /// <summary>Grows with every entry: the list's order and its keyset cursor.</summary>
    public long Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>Who acted; null for a sign-in attempt with an e-mail no account has.</summary>
    public string? ActorUserId { get; private set; }

    /// <summary>The actor's e-mail as it was at the time (for a failed sign-in: the e-mail typed).</summary>
    public string ActorName { get; private set; } = "";

    /// <summary>What happened, one of <see cref="AuditKinds"/>.</summary>
    public string Kind { get; private set; } = "";

    /// <summary>What was changed: <c>User</c>, <c>Enterprise</c>, …; for sign-ins the account.</summary>
    public string SubjectType { get; private set; } = "";

    public string SubjectId { get; private set; } = "";

    /// <summary>How a reader recognises the subject (an e-mail, a name) as it was at the time.</summary>
    public string SubjectLabel { get; private set; } = "";

    /// <summary>The subject's state before the change, as JSON; null for a creation or a sign-in.</summary>
    public string? Before { get; private set; }

    /// <summary>The subject's state after the change, as JSON; null for a sign-in.</summary>
    public string? After { get; private set; }

    /// <summary>The address a sign-in came from; null for changes made in the portal's pages.</summary>
    public string? IpAddress { get; private set; }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}

/// <summary>The kinds of audit entries. Stored as written: never rename one.</summary>
public static class AuditKinds
{
    public const string SignInSucceeded = "SignIn.Succeeded";
    public const string SignInFailed = "SignIn.Failed";

    /// <summary>The failed attempt that locked the account.</summary>
    public const string AccountLockedOut = "SignIn.LockedOut";

    /// <summary>An attempt while the account was locked (or deactivated): refused without checking the password.</summary>
    public const string SignInWhileLockedOut = "SignIn.WhileLockedOut";

    /// <summary>The right password, but the account may not sign in yet (e-mail not confirmed).</summary>
    public const string SignInNotAllowed = "SignIn.NotAllowed";

    /// <summary>The right password for an account with two-factor sign-in: the second factor is still to come.</summary>
    public const string SignInTwoFactorRequired = "SignIn.TwoFactorRequired";

    public const string UserCreated = "User.Created";
    public const string UserChanged = "User.Changed";
    public const string UserDeactivated = "User.Deactivated";
    public const string UserPasswordReset = "User.PasswordReset";
    public const string UserUnlocked = "User.Unlocked";

    /// <summary>The escalation settings (督办设置) changed.</summary>
    public const string EscalationSettingsChanged = "Settings.Escalation";

    /// <summary>A message of the outbox put back to be sent now.</summary>
    public const string OutboxMessageRetried = "Outbox.Retried";

    /// <summary>Every failed message of the outbox put back to be sent.</summary>
    public const string OutboxFailedRetried = "Outbox.RetriedAllFailed";

    public const string DepartmentCreated = "Department.Created";

    /// <summary>Code, name or head (科室负责人) changed by an admin on the organisation page.</summary>
    public const string DepartmentChanged = "Department.Changed";

    /// <summary>The head left the post with a change of their account (role, department, deactivated): recorded beside the user's entry.</summary>
    public const string DepartmentHeadVacated = "Department.HeadVacated";

    public const string ParkCreated = "Park.Created";

    /// <summary>Name or default commissioner.</summary>
    public const string ParkChanged = "Park.Changed";

    public const string IndustryCreated = "Industry.Created";

    /// <summary>Name or default commissioner.</summary>
    public const string IndustryChanged = "Industry.Changed";

    public const string EnterpriseCreated = "Enterprise.Created";

    /// <summary>Any change of an enterprise; a new commissioner's moved requests are listed in the after (MovedRequests).</summary>
    public const string EnterpriseChanged = "Enterprise.Changed";

    public const string CategoryCreated = "Category.Created";
    public const string CategoryChanged = "Category.Changed";

    /// <summary>A category's time limits at one urgency: they apply to requests filed afterwards.</summary>
    public const string TimeLimitPolicyChanged = "TimeLimitPolicy.Changed";

    public static IReadOnlyList<string> All { get; } =
    [
        SignInSucceeded, SignInFailed, AccountLockedOut, SignInWhileLockedOut, SignInNotAllowed, SignInTwoFactorRequired,
        UserCreated, UserChanged, UserDeactivated, UserPasswordReset, UserUnlocked,
        EscalationSettingsChanged, OutboxMessageRetried, OutboxFailedRetried,
        DepartmentCreated, DepartmentChanged, DepartmentHeadVacated, ParkCreated, ParkChanged, IndustryCreated, IndustryChanged,
        EnterpriseCreated, EnterpriseChanged,
        CategoryCreated, CategoryChanged, TimeLimitPolicyChanged,
    ];
}

/// <summary>What an entry is about, as the log names it.</summary>
public sealed record AuditSubject(string Type, string Id, string Label)
{
    public static AuditSubject Account(string id, string email) => new("User", id, email);

    /// <summary>The escalation settings: one of a kind.</summary>
    public static AuditSubject EscalationSettings { get; } = new("Settings", "Escalation", "督办设置");

    public static AuditSubject OutboxMessage(Guid id, string subject) => new("Outbox", id.ToString(), subject);

    /// <summary>The outbox as a whole, for a change to all of its failed messages.</summary>
    public static AuditSubject Outbox { get; } = new("Outbox", "", "发送失败的邮件");

    public static AuditSubject Department(int id, string name) => new("Department", id.ToString(CultureInfo.InvariantCulture), name);

    public static AuditSubject Park(int id, string name) => new("Park", id.ToString(CultureInfo.InvariantCulture), name);

    public static AuditSubject Industry(int id, string name) => new("Industry", id.ToString(CultureInfo.InvariantCulture), name);
}
