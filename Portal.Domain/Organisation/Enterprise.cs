namespace Portal.Domain.Organisation;

/// <summary>
/// 企业: an enterprise served by the portal, with the commissioner (服务专员) who looks after it
/// and, for an above-scale industrial enterprise (规上工业企业), the county-level cadre who
/// guarantees it (包保干部).
/// </summary>
public class Enterprise
{
    public const int NameMaxLength = 100;

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

    public Enterprise(string name, UnifiedSocialCreditCode creditCode, int parkId, int industryId, bool isAboveScale)
    {
        Name = Require.Text(name, NameMaxLength, Fields.EnterpriseName);
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
}
