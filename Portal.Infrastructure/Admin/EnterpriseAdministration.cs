using Microsoft.EntityFrameworkCore;
using Portal.Domain;
using Portal.Domain.Identity;
using Portal.Domain.Organisation;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Notifications;
using Portal.Infrastructure.Requests;

namespace Portal.Infrastructure.Admin;

/// <summary>A contact person of an enterprise, as typed and as shown.</summary>
public sealed record EnterpriseContactInput(string? Name, string? Position, string? Mobile, string? Email);

/// <summary>What an admin types to create or change an enterprise.</summary>
public sealed record EnterpriseInput(
    string? Name, string? CreditCode, bool IsAboveScale, int? ParkId, int? IndustryId, string? CommissionerUserId, string? CadreUserId,
    IReadOnlyList<EnterpriseContactInput> Contacts);

/// <summary>An enterprise as the list shows it.</summary>
public sealed record EnterpriseRow(
    int Id, string Name, string CreditCode, bool IsAboveScale, int ParkId, string Park, int IndustryId, string Industry,
    string? CommissionerUserId, string? Commissioner, string? CadreUserId, string? Cadre, IReadOnlyList<EnterpriseContactInput> Contacts)
{
    public EnterpriseInput ToInput() =>
        new(Name, CreditCode, IsAboveScale, ParkId, IndustryId, CommissionerUserId, CadreUserId, Contacts);
}

/// <summary>Which enterprises a list shows: part of the name or a whole credit code, and the filters (null: any).</summary>
public sealed record EnterpriseFilter(string? Search = null, int? ParkId = null, int? IndustryId = null, bool? AboveScale = null,
    string? CommissionerUserId = null);

/// <summary>Where the next page starts: after this (name, id).</summary>
public sealed record EnterpriseCursor(string Name, int Id);

public sealed record EnterpriseListPage(IReadOnlyList<EnterpriseRow> Rows, EnterpriseCursor? Next);

public sealed record NamedOption(int Id, string Name);

public sealed record PersonOption(string Id, string Name, string Email);

/// <summary>The parks, industries, active commissioners and active cadres the list filters and the form choose from.</summary>
public sealed record EnterpriseChoices(
    IReadOnlyList<NamedOption> Parks, IReadOnlyList<NamedOption> Industries, IReadOnlyList<PersonOption> Commissioners, IReadOnlyList<PersonOption> Cadres);

/// <summary>
/// How an enterprise change ended: saved (with the enterprise's id and the numbers of the requests that moved to its new
/// commissioner), or refused with a refusal per field (<see cref="EnterpriseInput"/>'s property names, <c>Contacts[i].Name</c>
/// … for a contact, "" for the whole form). Nothing is saved when refused.
/// </summary>
public sealed record EnterpriseOutcome(int? Id, IReadOnlyList<string> MovedRequests, IReadOnlyDictionary<string, DomainException> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static EnterpriseOutcome Refused(string field, DomainException refusal) => new(null, [], new Dictionary<string, DomainException> { [field] = refusal });
}

/// <summary>
/// 企业管理: enterprises listed and searched by those who look after them (a commissioner their own, a cadre those they
/// guarantee, supervisors and admins all), created and changed by admins only — each change in one transaction with its
/// audit entry (before and after). Giving an enterprise another commissioner moves its open requests to them, each
/// with a 改派 timeline entry and a notification, in the same transaction (<see cref="CommissionerHandover"/>).
/// </summary>
public sealed class EnterpriseAdministration(
    IDbContextFactory<PortalDbContext> contexts, DatabaseSettings database, AuditLog audit, CommissionerHandover handover, RequestEventNotifier notifier)
{
    public const int DefaultPageSize = 30;

    /// <summary>The enterprises <paramref name="reader"/> may see; none for anyone else.</summary>
    public static IQueryable<Enterprise> VisibleTo(PortalDbContext db, PortalUser reader) => reader.Role switch
    {
        Roles.Commissioner => db.Enterprises.Where(e => e.CommissionerUserId == reader.Id),
        Roles.Cadre => db.Enterprises.Where(e => e.CadreUserId == reader.Id),
        Roles.Supervisor or Roles.Admin => db.Enterprises,
        _ => db.Enterprises.Where(e => false),
    };

    /// <summary>One page of the enterprises the reader may see that match <paramref name="filter"/>, by name, keyset after <paramref name="after"/>.</summary>
    public async Task<EnterpriseListPage> ListAsync(PortalUser reader, EnterpriseFilter filter, EnterpriseCursor? after, int pageSize = DefaultPageSize,
        CancellationToken cancellationToken = default)
    {
        pageSize = Math.Clamp(pageSize, 1, 200);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var enterprises = VisibleTo(db, reader).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim();
            if (UnifiedSocialCreditCode.IsValid(term))
            {
                var code = UnifiedSocialCreditCode.Parse(term);
                enterprises = enterprises.Where(e => e.CreditCode == code || e.Name.Contains(term));
            }
            else
            {
                enterprises = enterprises.Where(e => e.Name.Contains(term));
            }
        }
        if (filter.ParkId is { } park)
        {
            enterprises = enterprises.Where(e => e.ParkId == park);
        }
        if (filter.IndustryId is { } industry)
        {
            enterprises = enterprises.Where(e => e.IndustryId == industry);
        }
        if (filter.AboveScale is { } aboveScale)
        {
            enterprises = enterprises.Where(e => e.IsAboveScale == aboveScale);
        }
        if (!string.IsNullOrWhiteSpace(filter.CommissionerUserId))
        {
            enterprises = enterprises.Where(e => e.CommissionerUserId == filter.CommissionerUserId);
        }
        if (after is { } cursor)
        {
            var name = cursor.Name;
            var id = cursor.Id;
            enterprises = database.Provider switch
            {
                // Row-value comparison: PostgreSQL walks the Name index from the cursor.
                DatabaseProvider.Postgres => enterprises.Where(e => EF.Functions.GreaterThan(ValueTuple.Create(e.Name, e.Id), ValueTuple.Create(name, id))),
                _ => enterprises.Where(e => string.Compare(e.Name, name) > 0 || (e.Name == name && e.Id > id)),
            };
        }
        var rows = await Project(db, enterprises.OrderBy(e => e.Name).ThenBy(e => e.Id).Take(pageSize + 1)).ToListAsync(cancellationToken);
        var shown = rows.Take(pageSize).Select(r => r.ToRow()).ToList();
        return new EnterpriseListPage(shown, rows.Count > pageSize ? new EnterpriseCursor(shown[^1].Name, shown[^1].Id) : null);
    }

    /// <summary>The enterprise, if the reader may see it; else null, as if it were not there.</summary>
    public async Task<EnterpriseRow?> FindAsync(PortalUser reader, int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await Project(db, VisibleTo(db, reader).AsNoTracking().Where(e => e.Id == id)).SingleOrDefaultAsync(cancellationToken);
        return row?.ToRow();
    }

    /// <summary>What the filters and the form choose from; empty for someone who reads no enterprises.</summary>
    public async Task<EnterpriseChoices> ChoicesAsync(PortalUser reader, CancellationToken cancellationToken = default)
    {
        if (reader.Role is not (Roles.Commissioner or Roles.Cadre or Roles.Supervisor or Roles.Admin))
        {
            return new EnterpriseChoices([], [], [], []);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var parks = await db.Parks.OrderBy(p => p.Name).Select(p => new NamedOption(p.Id, p.Name)).ToListAsync(cancellationToken);
        var industries = await db.Industries.OrderBy(i => i.Name).Select(i => new NamedOption(i.Id, i.Name)).ToListAsync(cancellationToken);
        return new EnterpriseChoices(parks, industries, await ActivePeopleAsync(db, Roles.Commissioner, cancellationToken),
            await ActivePeopleAsync(db, Roles.Cadre, cancellationToken));
    }

    /// <summary>Creates an enterprise; refused field by field, and then nothing is saved.</summary>
    public async Task<EnterpriseOutcome> CreateAsync(PortalUser admin, EnterpriseInput input, CancellationToken cancellationToken = default)
    {
        AdminOnly.Require(admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (valid, errors) = await CheckAsync(db, input, null, cancellationToken);
        if (valid is null)
        {
            return new EnterpriseOutcome(null, [], errors);
        }
        var enterprise = new Enterprise(valid.Name, valid.CreditCode, valid.ParkId, valid.IndustryId, input.IsAboveScale);
        Apply(enterprise, valid, input.IsAboveScale);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            db.Enterprises.Add(enterprise);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(db, admin, AuditKinds.EnterpriseCreated, Subject(enterprise), null,
                await SnapshotAsync(db, enterprise, cancellationToken), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException lost) when (DatabaseErrors.IsUniqueViolation(lost))
        {
            return await TakenAsync(valid.CreditCode, cancellationToken);
        }
        return new EnterpriseOutcome(enterprise.Id, [], new Dictionary<string, DomainException>());
    }

    /// <summary>
    /// Changes an enterprise. A new commissioner takes its open requests (待受理, 已派单, 办理中, 待补充) with a 改派 entry
    /// and a notification each; unsetting 规上 releases the cadre. One transaction with the audit entry, or nothing.
    /// </summary>
    public async Task<EnterpriseOutcome> ChangeAsync(PortalUser admin, int id, EnterpriseInput input, CancellationToken cancellationToken = default)
    {
        AdminOnly.Require(admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var enterprise = await db.Enterprises.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (enterprise is null)
        {
            return EnterpriseOutcome.Refused("", new DomainException(OrganisationRefusals.EnterpriseNotFound, "该企业不存在"));
        }
        var (valid, errors) = await CheckAsync(db, input, id, cancellationToken);
        if (valid is null)
        {
            return new EnterpriseOutcome(null, [], errors);
        }
        var before = await SnapshotAsync(db, enterprise, cancellationToken);
        var previousCommissioner = enterprise.CommissionerUserId;
        enterprise.Rename(valid.Name);
        enterprise.ChangeCreditCode(valid.CreditCode);
        enterprise.MoveTo(valid.ParkId, valid.IndustryId);
        Apply(enterprise, valid, input.IsAboveScale);
        IReadOnlyList<string> moved = [];
        NotificationsToSend? told = null;
        if (previousCommissioner != valid.CommissionerUserId)
        {
            (moved, told) = await handover.MoveAsync(db, db.ServiceRequests.Where(r => r.EnterpriseId == id), valid.CommissionerUserId, cancellationToken);
        }
        var after = await SnapshotAsync(db, enterprise, cancellationToken);
        if (moved.Count > 0)
        {
            after["MovedRequests"] = moved;
        }
        await audit.RecordAsync(db, admin, AuditKinds.EnterpriseChanged, Subject(enterprise), before, after, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException lost) when (DatabaseErrors.IsLostRace(lost))
        {
            if (DatabaseErrors.IsUniqueViolation(lost) && !await CodeFreeAsync(valid.CreditCode, id, cancellationToken))
            {
                return await TakenAsync(valid.CreditCode, cancellationToken);
            }
            return EnterpriseOutcome.Refused("", new DomainException(OrganisationRefusals.EnterpriseChanged,
                "该企业或其诉求刚被他人更新，未保存任何内容，请重试，您的输入不会丢失"));
        }
        if (told is not null)
        {
            notifier.AfterCommit(told);
        }
        return new EnterpriseOutcome(id, moved, new Dictionary<string, DomainException>());
    }

    private static void Apply(Enterprise enterprise, Valid valid, bool isAboveScale)
    {
        enterprise.SetAboveScale(isAboveScale);
        enterprise.AssignCommissioner(valid.CommissionerUserId);
        if (valid.CadreUserId is { } cadre)
        {
            enterprise.AssignCadre(cadre);
        }
        else
        {
            enterprise.RemoveCadre();
        }
        enterprise.ReplaceContacts(valid.Contacts);
    }

    private sealed record Valid(
        string Name, UnifiedSocialCreditCode CreditCode, int ParkId, int IndustryId, string CommissionerUserId, string? CadreUserId, IReadOnlyList<ContactPerson> Contacts);

    /// <summary>Checks every field at once; the valid input, or null and a refusal per field.</summary>
    private static async Task<(Valid? Valid, Dictionary<string, DomainException> Errors)> CheckAsync(
        PortalDbContext db, EnterpriseInput input, int? exceptId, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, DomainException>();
        string? name = null;
        Capture(errors, nameof(EnterpriseInput.Name), () => name = Enterprise.ValidName(input.Name));
        UnifiedSocialCreditCode? code = null;
        if (string.IsNullOrWhiteSpace(input.CreditCode))
        {
            errors[nameof(EnterpriseInput.CreditCode)] = new DomainException(TextRefusals.Required, $"{Fields.CreditCode}不能为空", Fields.CreditCode);
        }
        else if (Capture(errors, nameof(EnterpriseInput.CreditCode), () => code = UnifiedSocialCreditCode.Parse(input.CreditCode)))
        {
            var holder = await db.Enterprises.Where(e => e.CreditCode == code && e.Id != exceptId).Select(e => e.Name).FirstOrDefaultAsync(cancellationToken);
            if (holder is not null)
            {
                errors[nameof(EnterpriseInput.CreditCode)] = CreditCodeTaken(code!, holder);
            }
        }
        if (input.ParkId is not { } park || !await db.Parks.AnyAsync(p => p.Id == park, cancellationToken))
        {
            errors[nameof(EnterpriseInput.ParkId)] = Choose(Fields.Park);
        }
        if (input.IndustryId is not { } industry || !await db.Industries.AnyAsync(i => i.Id == industry, cancellationToken))
        {
            errors[nameof(EnterpriseInput.IndustryId)] = Choose(Fields.Industry);
        }
        var commissioner = Blank(input.CommissionerUserId);
        if (commissioner is null)
        {
            errors[nameof(EnterpriseInput.CommissionerUserId)] = Choose(Fields.Commissioner);
        }
        else if (!await db.UsersInRole(Roles.Commissioner).AnyAsync(u => u.Id == commissioner && u.DeactivatedAt == null, cancellationToken))
        {
            errors[nameof(EnterpriseInput.CommissionerUserId)] = new DomainException(OrganisationRefusals.NotACommissioner, "所选账号不是在岗的服务专员");
        }
        var cadre = Blank(input.CadreUserId);
        if (cadre is not null)
        {
            if (!input.IsAboveScale)
            {
                errors[nameof(EnterpriseInput.CadreUserId)] = new DomainException(OrganisationRefusals.CadreOnlyAboveScale, "只有规上工业企业安排县级干部包保");
            }
            else if (await db.UsersInRole(Roles.Commissioner).Where(u => u.Id == cadre).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken)
                     is { } commissionerName)
            {
                errors[nameof(EnterpriseInput.CadreUserId)] = new DomainException(OrganisationRefusals.CommissionerAsCadre,
                    $"“{commissionerName}”是服务专员账号，不能作为包保干部", commissionerName);
            }
            else if (!await db.UsersInRole(Roles.Cadre).AnyAsync(u => u.Id == cadre && u.DeactivatedAt == null, cancellationToken))
            {
                errors[nameof(EnterpriseInput.CadreUserId)] = new DomainException(OrganisationRefusals.NotACadre, "所选账号不是在岗的县级包保干部");
            }
        }
        var contacts = new List<ContactPerson>();
        var typed = input.Contacts ?? [];
        if (typed.Count > Enterprise.MaxContacts)
        {
            errors[nameof(EnterpriseInput.Contacts)] = new DomainException(OrganisationRefusals.TooManyContacts,
                $"联系人最多 {Enterprise.MaxContacts} 位", Enterprise.MaxContacts);
        }
        for (var i = 0; i < typed.Count; i++)
        {
            var contact = typed[i];
            try
            {
                contacts.Add(new ContactPerson(contact.Name, contact.Position, contact.Mobile, contact.Email));
            }
            catch (DomainException refused)
            {
                errors[$"Contacts[{i}].{ContactField(refused)}"] = refused;
            }
        }
        return errors.Count > 0
            ? (null, errors)
            : (new Valid(name!, code!, input.ParkId!.Value, input.IndustryId!.Value, commissioner!, cadre, contacts), errors);
    }

    /// <summary>Which field of a contact a refusal is about.</summary>
    private static string ContactField(DomainException refused) => refused.Code switch
    {
        OrganisationRefusals.ContactEmail => nameof(EnterpriseContactInput.Email),
        OrganisationRefusals.ContactMobile or OrganisationRefusals.ContactUnreachable => nameof(EnterpriseContactInput.Mobile),
        _ when refused.Arguments.Contains(Fields.ContactPosition) => nameof(EnterpriseContactInput.Position),
        _ => nameof(EnterpriseContactInput.Name),
    };

    private static bool Capture(Dictionary<string, DomainException> errors, string field, Action check)
    {
        try
        {
            check();
            return true;
        }
        catch (DomainException refused)
        {
            errors[field] = refused;
            return false;
        }
    }

    private static DomainException Choose(Term field) => new(OrganisationRefusals.Choose, $"请选择{field}", field);

    private static DomainException CreditCodeTaken(UnifiedSocialCreditCode code, string holder) =>
        new(OrganisationRefusals.CreditCodeTaken, $"统一社会信用代码 {code.Value} 已登记为“{holder}”，不能重复登记", code.Value, holder);

    /// <summary>Another save took the code between the check and the save: refused as a duplicate, with the holder's name.</summary>
    private async Task<EnterpriseOutcome> TakenAsync(UnifiedSocialCreditCode code, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var holder = await db.Enterprises.Where(e => e.CreditCode == code).Select(e => e.Name).FirstOrDefaultAsync(cancellationToken) ?? "";
        return EnterpriseOutcome.Refused(nameof(EnterpriseInput.CreditCode), CreditCodeTaken(code, holder));
    }

    private async Task<bool> CodeFreeAsync(UnifiedSocialCreditCode code, int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return !await db.Enterprises.AnyAsync(e => e.CreditCode == code && e.Id != id, cancellationToken);
    }

    private static AuditSubject Subject(Enterprise enterprise) => new("Enterprise", enterprise.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), enterprise.Name);

    /// <summary>What the audit log keeps of an enterprise before and after a change: names, not ids, as a reader wants them.</summary>
    private static async Task<Dictionary<string, object?>> SnapshotAsync(PortalDbContext db, Enterprise enterprise, CancellationToken cancellationToken) => new()
    {
        ["Name"] = enterprise.Name,
        ["CreditCode"] = enterprise.CreditCode.Value,
        ["AboveScale"] = enterprise.IsAboveScale,
        ["Park"] = await db.Parks.Where(p => p.Id == enterprise.ParkId).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken),
        ["Industry"] = await db.Industries.Where(i => i.Id == enterprise.IndustryId).Select(i => i.Name).SingleOrDefaultAsync(cancellationToken),
        ["Commissioner"] = await PersonAsync(db, enterprise.CommissionerUserId, cancellationToken),
        ["Cadre"] = await PersonAsync(db, enterprise.CadreUserId, cancellationToken),
        ["Contacts"] = enterprise.Contacts.Select(c => new { c.Name, c.Position, c.Mobile, c.Email }).ToList(),
    };

    private static async Task<string?> PersonAsync(PortalDbContext db, string? userId, CancellationToken cancellationToken) =>
        userId is null ? null : await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName + " <" + u.Email + ">").SingleOrDefaultAsync(cancellationToken);

    private static async Task<IReadOnlyList<PersonOption>> ActivePeopleAsync(PortalDbContext db, string role, CancellationToken cancellationToken) =>
        await db.UsersInRole(role).Where(u => u.DeactivatedAt == null).OrderBy(u => u.DisplayName).ThenBy(u => u.Email)
            .Select(u => new PersonOption(u.Id, u.DisplayName, u.Email ?? "")).ToListAsync(cancellationToken);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static IQueryable<Projected> Project(PortalDbContext db, IQueryable<Enterprise> enterprises) =>
        from e in enterprises
        select new Projected(
            e.Id, e.Name, e.CreditCode, e.IsAboveScale, e.ParkId,
            db.Parks.Where(p => p.Id == e.ParkId).Select(p => p.Name).FirstOrDefault() ?? "",
            e.IndustryId,
            db.Industries.Where(i => i.Id == e.IndustryId).Select(i => i.Name).FirstOrDefault() ?? "",
            e.CommissionerUserId,
            db.Users.Where(u => u.Id == e.CommissionerUserId).Select(u => u.DisplayName).FirstOrDefault(),
            e.CadreUserId,
            db.Users.Where(u => u.Id == e.CadreUserId).Select(u => u.DisplayName).FirstOrDefault(),
            e.Contacts.OrderBy(c => EF.Property<int>(c, "Id")).Select(c => new EnterpriseContactInput(c.Name, c.Position, c.Mobile, c.Email)).ToList());

    private sealed record Projected(
        int Id, string Name, UnifiedSocialCreditCode CreditCode, bool IsAboveScale, int ParkId, string Park, int IndustryId, string Industry,
        string? CommissionerUserId, string? Commissioner, string? CadreUserId, string? Cadre, List<EnterpriseContactInput> Contacts)
    {
        public EnterpriseRow ToRow() => new(Id, Name, CreditCode.Value, IsAboveScale, ParkId, Park, IndustryId, Industry,
            CommissionerUserId, Commissioner, CadreUserId, Cadre, Contacts);
    }
}
