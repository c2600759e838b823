using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Domain;
using Portal.Domain.Identity;
using Portal.Domain.Organisation;
using Portal.Domain.Registration;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Notifications;
using Portal.Infrastructure.Requests;

namespace Portal.Infrastructure.Registration;

/// <summary>A registration as its approver sees it in the list.</summary>
/// <param name="EnterpriseId">The enterprise the applicant joins; null when approving creates it.</param>
public sealed record PendingRegistration(
    long Id, string ApplicantName, string? Mobile, string? Email, bool EmailConfirmed,
    string EnterpriseName, string CreditCode, int? EnterpriseId, string? KnownEnterpriseName, DateTimeOffset SubmittedAt);

/// <summary>One page of an approver's pending registrations; <paramref name="Next"/> is the id to read on after, null on the last page.</summary>
public sealed record PendingPage(IReadOnlyList<PendingRegistration> Rows, long? Next);

/// <summary>What a supervisor decides about a new enterprise when approving it: where it belongs.</summary>
public sealed record NewEnterpriseDetails(int ParkId, int IndustryId, bool IsAboveScale);

/// <summary>A choice offered when approving a new enterprise.</summary>
public sealed record Choice(int Id, string Name);

/// <summary>Where the applicant's registration stands, as they see it.</summary>
/// <param name="MayReapply">Refused, and the account never approved nor given a role: it may apply again (<see cref="RegistrationApprovals.ReapplyAsync"/>).</param>
/// <param name="ApplicantName">The applicant's name and mobile number as the account holds them, to start a new application from.</param>
public sealed record RegistrationStanding(
    RegistrationStatus Status, string EnterpriseName, string CreditCode, bool WaitsForSupervisors, DateTimeOffset SubmittedAt,
    DateTimeOffset? DecidedAt, string? RefusalReason, bool MayReapply = false, string ApplicantName = "", string? Mobile = null);

/// <summary>A refused applicant's new application: who they are and which enterprise they act for (the page has checked each field).</summary>
public sealed record ReapplicationInput(string Name, string Mobile, string EnterpriseName, string CreditCode);

/// <summary>Someone else decided the registration since the approver loaded it; nothing was saved.</summary>
public sealed class RegistrationChangedException() : Exception("该注册申请已由他人审核，请刷新列表");

/// <summary>
/// 注册审核: the approval list and its decisions. A commissioner decides the registrations of the enterprises
/// they look after; the supervisors decide new enterprises and the registrations of enterprises without an
/// active commissioner. Anything else — another commissioner's enterprise, any other role, a registration
/// already decided — is "not found" (null or false), never a different answer.
/// </summary>
public sealed class RegistrationApprovals(
    IDbContextFactory<PortalDbContext> contexts, RegistrationNotifier notifier, RequestEventNotifier delivery, TimeProvider time)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>
    /// One page of the pending registrations this approver decides, oldest first, by keyset after the id
    /// <paramref name="afterId"/> (the <see cref="PendingPage.Next"/> of the page before).
    /// </summary>
    public async Task<PendingPage> PendingAsync(
        PortalUser approver, long? afterId = null, int pageSize = DefaultPageSize, CancellationToken cancellationToken = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var decidable = DecidableBy(db, approver);
        if (afterId is { } after)
        {
            decidable = decidable.Where(r => r.Id > after);
        }
        var rows = await (
            from r in decidable
            join u in db.Users on r.ApplicantUserId equals u.Id
            orderby r.Id
            select new PendingRegistration(
                r.Id, u.DisplayName, u.PhoneNumber, u.Email, u.EmailConfirmed, r.EnterpriseName, r.CreditCode.Value, r.EnterpriseId,
                db.Enterprises.Where(e => e.Id == r.EnterpriseId).Select(e => e.Name).FirstOrDefault(), r.SubmittedAt))
            .Take(pageSize + 1).ToListAsync(cancellationToken);
        var shown = rows.Take(pageSize).ToList();
        return new PendingPage(shown, rows.Count > pageSize ? shown[^1].Id : null);
    }

    /// <summary>The parks and industries a supervisor chooses from when approving a new enterprise.</summary>
    public async Task<(IReadOnlyList<Choice> Parks, IReadOnlyList<Choice> Industries)> EnterpriseChoicesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var parks = await db.Parks.OrderBy(p => p.Id).Select(p => new Choice(p.Id, p.Name)).ToListAsync(cancellationToken);
        var industries = await db.Industries.OrderBy(i => i.Id).Select(i => new Choice(i.Id, i.Name)).ToListAsync(cancellationToken);
        return (parks, industries);
    }

    /// <summary>
    /// Approves: the applicant becomes a user of the enterprise. For a new enterprise (supervisors only),
    /// <paramref name="newEnterprise"/> says where it belongs and the enterprise is created with it; the other
    /// applicants for the same code then wait as its users. False when not found or not this approver's.
    /// </summary>
    public async Task<bool> ApproveAsync(PortalUser approver, long id, NewEnterpriseDetails? newEnterprise = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var registration = await DecidableBy(db, approver).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (registration is null)
        {
            return false;
        }
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (registration.IsNewEnterprise)
        {
            var enterprise = await db.Enterprises.SingleOrDefaultAsync(e => e.CreditCode == registration.CreditCode, cancellationToken);
            if (enterprise is null)
            {
                if (newEnterprise is null)
                {
                    throw new DomainException(RegistrationRefusals.ParkAndIndustryRequired, "请选择新企业所属的园区和行业");
                }
                if (!await db.Parks.AnyAsync(p => p.Id == newEnterprise.ParkId, cancellationToken))
                {
                    throw new DomainException(RegistrationRefusals.ParkNotFound, "所选园区不存在");
                }
                if (!await db.Industries.AnyAsync(i => i.Id == newEnterprise.IndustryId, cancellationToken))
                {
                    throw new DomainException(RegistrationRefusals.IndustryNotFound, "所选行业不存在");
                }
                enterprise = new Enterprise(registration.EnterpriseName, registration.CreditCode, newEnterprise.ParkId, newEnterprise.IndustryId, newEnterprise.IsAboveScale);
                db.Enterprises.Add(enterprise);
                await SaveAsync(db, cancellationToken);
                registration.ApproveWithEnterprise(approver.Id, enterprise, now);
                var others = await db.Registrations
                    .Where(r => r.Id != registration.Id && r.Status == RegistrationStatus.Pending && r.EnterpriseId == null && r.CreditCode == registration.CreditCode)
                    .ToListAsync(cancellationToken);
                others.ForEach(o => o.Joins(enterprise));
            }
            else
            {
                // Created meanwhile by the approval of another applicant's registration for the same code.
                registration.Joins(enterprise);
                registration.Approve(approver.Id, now);
            }
        }
        else
        {
            registration.Approve(approver.Id, now);
        }

        var applicant = await db.Users.SingleAsync(u => u.Id == registration.ApplicantUserId, cancellationToken);
        applicant.EnterpriseId = registration.EnterpriseId;
        // A new stamp: a session signed in while pending is asked to sign in again, and then carries the role.
        applicant.SecurityStamp = Guid.NewGuid().ToString();
        applicant.ConcurrencyStamp = Guid.NewGuid().ToString();
        var role = await db.Roles.Where(r => r.Name == Roles.Enterprise).Select(r => r.Id).SingleAsync(cancellationToken);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = applicant.Id, RoleId = role });

        var notices = await notifier.AddAsync(db, registration, RegistrationStep.Approved, [applicant.Id], now, cancellationToken);
        await SaveAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        delivery.AfterCommit(notices);
        return true;
    }

    /// <summary>Refuses with a reason the applicant is shown. False when not found or not this approver's.</summary>
    public async Task<bool> RefuseAsync(PortalUser approver, long id, string reason, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var registration = await DecidableBy(db, approver).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (registration is null)
        {
            return false;
        }
        var now = time.GetUtcNow();
        registration.Refuse(approver.Id, reason, now);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var notices = await notifier.AddAsync(db, registration, RegistrationStep.Refused, [registration.ApplicantUserId], now, cancellationToken);
        await SaveAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        delivery.AfterCommit(notices);
        return true;
    }

    /// <summary>The applicant's latest registration, or null for a user who never registered.</summary>
    public async Task<RegistrationStanding?> StandingOfAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var registration = await db.Registrations.AsNoTracking().Where(r => r.ApplicantUserId == userId)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        if (registration is null)
        {
            return null;
        }
        var bySupervisors = registration.Status == RegistrationStatus.Pending
            && !await db.Enterprises.AnyAsync(
                e => e.Id == registration.EnterpriseId && db.Users.Any(u => u.Id == e.CommissionerUserId && u.DeactivatedAt == null), cancellationToken);
        var applicant = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.DisplayName, u.PhoneNumber }).SingleAsync(cancellationToken);
        return new RegistrationStanding(
            registration.Status, registration.EnterpriseName, registration.CreditCode.Value, bySupervisors,
            registration.SubmittedAt, registration.DecidedAt, registration.RefusalReason,
            await MayReapplyAsync(db, userId, cancellationToken), applicant.DisplayName, applicant.PhoneNumber);
    }

    /// <summary>
    /// A refused applicant applies again from the same account (decision 014): their name and mobile number as now given, and
    /// a new registration for the enterprise named, waiting for its approvers, who are told. The refused registration stays
    /// as it was decided. False — nothing changed — unless the account's latest registration was refused, none was ever
    /// approved and the account holds no role.
    /// </summary>
    public async Task<bool> ReapplyAsync(string applicantUserId, ReapplicationInput input, CancellationToken cancellationToken = default)
    {
        var code = UnifiedSocialCreditCode.Parse(input.CreditCode);
        if (!MobileNumber.IsValid(input.Mobile) || string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > ApplicationUser.DisplayNameMaxLength)
        {
            throw new ArgumentException("The name and mobile number were not checked before applying again.", nameof(input));
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await MayReapplyAsync(db, applicantUserId, cancellationToken))
        {
            return false;
        }
        var now = time.GetUtcNow();
        var applicant = await db.Users.SingleAsync(u => u.Id == applicantUserId, cancellationToken);
        applicant.DisplayName = input.Name.Trim();
        applicant.PhoneNumber = MobileNumber.Normalise(input.Mobile);
        await db.SaveChangesAsync(cancellationToken);

        var enterprise = await db.Enterprises.Where(e => e.CreditCode == code).Select(e => (int?)e.Id).SingleOrDefaultAsync(cancellationToken);
        var registration = new EnterpriseRegistration(applicantUserId, input.EnterpriseName.Trim(), code, enterprise, now);
        db.Registrations.Add(registration);
        var approvers = await Approvers.OfAsync(db, enterprise, cancellationToken);
        var notices = await notifier.AddAsync(db, registration, RegistrationStep.Submitted, approvers, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        delivery.AfterCommit(notices);
        return true;
    }

    /// <summary>Whether the account may apply again: its latest registration was refused, none was approved, and it holds no role.</summary>
    internal static async Task<bool> MayReapplyAsync(PortalDbContext db, string userId, CancellationToken cancellationToken)
    {
        var statuses = await db.Registrations.Where(r => r.ApplicantUserId == userId)
            .OrderByDescending(r => r.Id).Select(r => r.Status).ToListAsync(cancellationToken);
        return statuses is [RegistrationStatus.Refused, ..]
            && !statuses.Contains(RegistrationStatus.Approved)
            && !await db.UserRoles.AnyAsync(ur => ur.UserId == userId, cancellationToken);
    }

    /// <summary>The pending registrations <paramref name="user"/> may decide: the one rule of scope for the list and every action.</summary>
    internal static IQueryable<EnterpriseRegistration> DecidableBy(PortalDbContext db, PortalUser user)
    {
        var pending = db.Registrations.Where(r => r.Status == RegistrationStatus.Pending);
        var active = db.Users.Where(u => u.DeactivatedAt == null);
        return user.Role switch
        {
            Roles.Commissioner => pending.Where(r => active.Any(u => u.Id == user.Id)
                && db.Enterprises.Any(e => e.Id == r.EnterpriseId && e.CommissionerUserId == user.Id)),
            Roles.Supervisor => pending.Where(r => active.Any(u => u.Id == user.Id)
                && (r.EnterpriseId == null
                    || !db.Enterprises.Any(e => e.Id == r.EnterpriseId && active.Any(u => u.Id == e.CommissionerUserId)))),
            _ => pending.Where(_ => false),
        };
    }

    private static async Task SaveAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsLostRace(e))
        {
            throw new RegistrationChangedException();
        }
    }
}
