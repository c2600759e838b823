namespace Portal.Domain.Registration;

/// <summary>Codes of the refusals of an enterprise registration and of its approval.</summary>
public static class RegistrationRefusals
{
    public const string CreditCodeMismatch = "Registration.CreditCodeMismatch";
    public const string NewEnterpriseBySupervisor = "Registration.NewEnterpriseBySupervisor";
    public const string EnterpriseExists = "Registration.EnterpriseExists";
    public const string AlreadyApproved = "Registration.AlreadyApproved";
    public const string AlreadyRefused = "Registration.AlreadyRefused";
    public const string ParkAndIndustryRequired = "Registration.ParkAndIndustryRequired";
    public const string ParkNotFound = "Registration.ParkNotFound";
    public const string IndustryNotFound = "Registration.IndustryNotFound";
}
