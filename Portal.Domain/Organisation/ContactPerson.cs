using Portal.Domain.Registration;

namespace Portal.Domain.Organisation;

/// <summary>
/// 联系人: a person at an enterprise whom staff reach about its requests (a manager, the person in charge of
/// government affairs …), kept by the admins beside the enterprise's own portal users. Reachable by at least one
/// of mobile and e-mail.
/// </summary>
public sealed class ContactPerson
{
    public const int NameMaxLength = 50;
    public const int PositionMaxLength = 50;
    public const int EmailMaxLength = 256;

    public string Name { get; private set; }
    public string? Position { get; private set; }

    /// <summary>An 11-digit mainland mobile number, without spaces or hyphens.</summary>
    public string? Mobile { get; private set; }

    public string? Email { get; private set; }

    public ContactPerson(string? name, string? position, string? mobile, string? email)
    {
        Name = Require.Text(name, NameMaxLength, Fields.ContactName);
        Position = string.IsNullOrWhiteSpace(position) ? null : Require.Text(position, PositionMaxLength, Fields.ContactPosition);
        if (string.IsNullOrWhiteSpace(mobile) && string.IsNullOrWhiteSpace(email))
        {
            throw new DomainException(OrganisationRefusals.ContactUnreachable, "请填写联系人的手机号码或电子邮箱");
        }
        if (!string.IsNullOrWhiteSpace(mobile))
        {
            if (!MobileNumber.IsValid(mobile))
            {
                throw new DomainException(OrganisationRefusals.ContactMobile, "手机号码应为 11 位数字，以 1 开头");
            }
            Mobile = MobileNumber.Normalise(mobile);
        }
        if (!string.IsNullOrWhiteSpace(email))
        {
            var address = email.Trim();
            var at = address.IndexOf('@', StringComparison.Ordinal);
            if (address.Length > EmailMaxLength || at <= 0 || at == address.Length - 1 || address.IndexOf('@', at + 1) >= 0
                || address.Any(char.IsWhiteSpace))
            {
                throw new DomainException(OrganisationRefusals.ContactEmail, "电子邮箱格式不正确");
            }
            Email = address;
        }
    }

    /// <summary>For EF Core.</summary>
    private ContactPerson() => Name = "";
}
