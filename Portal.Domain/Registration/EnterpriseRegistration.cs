using Portal.Domain.Organisation;

namespace Portal.Domain.Registration;

/// <summary>Where a registration stands.</summary>
public enum RegistrationStatus
{
    /// <summary>待审核: waiting for its approver.</summary>
    Pending,

    /// <summary>已通过: the applicant is an enterprise user of <see cref="EnterpriseRegistration.EnterpriseId"/>.</summary>
    Approved,

    /// <summary>未通过: refused, with the reason the applicant is shown.</summary>
    Refused,
}

/// <summary>
/// 企业用户注册申请: someone asks to act for an enterprise, named by its unified social credit code.
/// When the code belongs to an enterprise of the portal, <see cref="EnterpriseId"/> is set and the
/// enterprise's commissioner approves (the supervisors when it has no active one). When it does not,
/// the application is also the enterprise's: it exists only here, by the name and code given, until
/// a supervisor approves it, choosing its park and industry; only then is the <see cref="Enterprise"/>
/// created. A pending enterprise therefore never appears in a list nor receives a request.
/// </summary>
public class EnterpriseRegistration
{
    public const int ReasonMaxLength = 500;

    public long Id { get; private set; }

    /// <summary>The applicant's account, which holds no role until approved.</summary>
    public string ApplicantUserId { get; private set; }

    /// <summary>The enterprise's name as the applicant gave it.</summary>
    public string EnterpriseName { get; private set; }

    public UnifiedSocialCreditCode CreditCode { get; private set; }

    /// <summary>
    /// The enterprise the applicant joins: set at registration when the code is known, and when a
    /// supervisor approves (creating it) for a new one. Null while a new enterprise waits.
    /// </summary>
    public int? EnterpriseId { get; private set; }

    public RegistrationStatus Status { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }

    /// <summary>Who approved or refused it, and when; null while pending.</summary>
    public string? DecidedByUserId { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>Why it was refused; null unless refused.</summary>
    public string? RefusalReason { get; private set; }

    /// <summary>Used by Entity Framework only.</summary>
    private EnterpriseRegistration()
    {
        ApplicantUserId = "";
        EnterpriseName = "";
        CreditCode = null!;
    }

    public EnterpriseRegistration(string applicantUserId, string enterpriseName, UnifiedSocialCreditCode creditCode, int? enterpriseId, DateTimeOffset now)
    {
        ApplicantUserId = Require.Text(applicantUserId, 450, Fields.Applicant);
        EnterpriseName = Require.Text(enterpriseName, Enterprise.NameMaxLength, Fields.EnterpriseName);
        CreditCode = creditCode;
        EnterpriseId = enterpriseId;
        Status = RegistrationStatus.Pending;
        SubmittedAt = now;
    }

    /// <summary>Whether approving it also creates the enterprise (only supervisors may).</summary>
    public bool IsNewEnterprise => EnterpriseId is null;

    /// <summary>The enterprise named by this application now exists (another application for it was approved).</summary>
    public void Joins(Enterprise enterprise)
    {
        EnsurePending();
        if (enterprise.CreditCode != CreditCode)
        {
            throw new DomainException(RegistrationRefusals.CreditCodeMismatch, "企业的统一社会信用代码与申请不符");
        }
        EnterpriseId = enterprise.Id;
    }

    /// <summary>Approves a user of an existing enterprise.</summary>
    public void Approve(string approverUserId, DateTimeOffset now)
    {
        EnsurePending();
        if (EnterpriseId is null)
        {
            throw new DomainException(RegistrationRefusals.NewEnterpriseBySupervisor, "新企业的注册须由营商环境督查审核并确定所属园区与行业");
        }
        Decide(approverUserId, RegistrationStatus.Approved, now);
    }

    /// <summary>Approves a new enterprise together with its first user; <paramref name="enterprise"/> has just been created from it.</summary>
    public void ApproveWithEnterprise(string approverUserId, Enterprise enterprise, DateTimeOffset now)
    {
        EnsurePending();
        if (EnterpriseId is not null)
        {
            throw new DomainException(RegistrationRefusals.EnterpriseExists, "该企业已在平台登记，无需再次创建");
        }
        if (enterprise.CreditCode != CreditCode)
        {
            throw new DomainException(RegistrationRefusals.CreditCodeMismatch, "企业的统一社会信用代码与申请不符");
        }
        EnterpriseId = enterprise.Id;
        Decide(approverUserId, RegistrationStatus.Approved, now);
    }

    public void Refuse(string approverUserId, string reason, DateTimeOffset now)
    {
        EnsurePending();
        RefusalReason = Require.Text(reason, ReasonMaxLength, Fields.RefusalReason);
        Decide(approverUserId, RegistrationStatus.Refused, now);
    }

    private void Decide(string approverUserId, RegistrationStatus status, DateTimeOffset now)
    {
        DecidedByUserId = Require.Text(approverUserId, 450, Fields.Approver);
        DecidedAt = now;
        Status = status;
    }

    private void EnsurePending()
    {
        if (Status != RegistrationStatus.Pending)
        {
            throw Status == RegistrationStatus.Approved
                ? new DomainException(RegistrationRefusals.AlreadyApproved, "该注册申请已审核通过")
                : new DomainException(RegistrationRefusals.AlreadyRefused, "该注册申请已被退回");
        }
    }
}

/// <summary>The steps of a registration that someone is told of.</summary>
public enum RegistrationStep
{
    /// <summary>To its approvers: a registration waits for them.</summary>
    Submitted,

    /// <summary>To its applicant.</summary>
    Approved,

    /// <summary>To its applicant, with the reason.</summary>
    Refused,
}
