namespace Portal.Domain.Organisation;

/// <summary>Codes of the refusals of enterprises and their unified social credit codes.</summary>
public static class OrganisationRefusals
{
    public const string CadreOnlyAboveScale = "Organisation.CadreOnlyAboveScale";

    /// <summary>{0}: the length a code has; {1}: the length given.</summary>
    public const string CreditCodeLength = "CreditCode.Length";

    /// <summary>{0}: the character.</summary>
    public const string CreditCodeCharacter = "CreditCode.Character";

    public const string CreditCodeRegion = "CreditCode.RegionCode";
    public const string CreditCodeOrganisationCheck = "CreditCode.OrganisationCheckCharacter";
    public const string CreditCodeCheck = "CreditCode.CheckCharacter";
}
