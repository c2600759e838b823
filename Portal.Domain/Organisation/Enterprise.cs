namespace Portal.Domain.Organisation;

/// <summary>
/// 企业: an enterprise served by the portal, with the commissioner (服务专员) who looks after it
/// and, for an above-scale industrial enterprise (规上工业企业), the county-level cadre who
/// guarantees it (包保干部).
/// </summary>
public class Enterprise
{
    public const int NameMaxLength = 100;

    /// <summary>The contact people an enterprise keeps at most.</summary>
    public const int MaxContacts = 5;

    private readonly List<ContactPerson> _contacts = [];

    public int Id { get; private set; }
    public string Name { get; private set; }
    public UnifiedSocialCreditCode CreditCode { get; private set; }
    public int ParkId { get; private set; }
    public int IndustryId { get; private set; }

    /// <summary>规上工业企业: annual main-business revenue of 20 million yuan or more.</summary>
    public bool IsAboveScale { get; private set; }

    /// <summary>The commissioner's user id; null until one is assigned, when supervisors dispatch its requests.</summary>
    public string? CommissionerUserId { get; private set; }

    /// <summary>The guaranteeing cadre's user id; null for an enterprise that has none.</summary>
    public string? CadreUserId { get; private set; }

    /// <summary>The people staff reach at the enterprise, as the admins keep them (at most <see cref="MaxContacts"/>).</summary>
    public IReadOnlyList<ContactPerson> Contacts => _contacts;

    public Enterprise(string name, UnifiedSocialCreditCode creditCode, int parkId, int industryId, bool isAboveScale)
    {
        Name = ValidName(name);
        CreditCode = creditCode;
        ParkId = parkId;
        IndustryId = industryId;
        IsAboveScale = isAboveScale;
    }

    public void AssignCommissioner(string userId) => CommissionerUserId = Require.Text(userId, 450, Fields.Commissioner);

    public void AssignCadre(string userId)
    {
        if (!IsAboveScale)
        {
            throw new DomainException(OrganisationRefusals.CadreOnlyAboveScale, "只有规上工业企业安排县级干部包保");
        }
        CadreUserId = Require.Text(userId, 450, Fields.Cadre);
    }

    /// <summary>The name as stored (trimmed), or the refusal of a missing or over-long one.</summary>
    public static string ValidName(string? name) => Require.Text(name, NameMaxLength, Fields.EnterpriseName);

    public void Rename(string name) => Name = ValidName(name);

    public void ChangeCreditCode(UnifiedSocialCreditCode creditCode) => CreditCode = creditCode;

    public void MoveTo(int parkId, int industryId)
    {
        ParkId = parkId;
        IndustryId = industryId;
    }

    /// <summary>
    /// Sets or unsets 规上. An enterprise that is no longer above scale has no guaranteeing cadre: unsetting the flag
    /// releases the cadre (escalations that would reach them go to the supervisors instead).
    /// </summary>
    public void SetAboveScale(bool isAboveScale)
    {
        IsAboveScale = isAboveScale;
        if (!isAboveScale)
        {
            CadreUserId = null;
        }
    }

    public void RemoveCadre() => CadreUserId = null;

    /// <summary>Replaces the contact people with <paramref name="contacts"/>; more than <see cref="MaxContacts"/> are refused.</summary>
    public void ReplaceContacts(IReadOnlyList<ContactPerson> contacts)
    {
        if (contacts.Count > MaxContacts)
        {
            throw new DomainException(OrganisationRefusals.TooManyContacts, $"联系人最多 {MaxContacts} 位", MaxContacts);
        }
        _contacts.Clear();
        _contacts.AddRange(contacts);
    }
}
