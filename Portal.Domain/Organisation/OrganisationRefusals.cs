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

    /// <summary>{0}: the field (a <see cref="Term"/>) nothing was chosen for.</summary>
    public const string Choose = "Organisation.Choose";

    /// <summary>{0}: the credit code; {1}: the enterprise that has it.</summary>
    public const string CreditCodeTaken = "Organisation.CreditCodeTaken";

    /// <summary>The account given as the commissioner is not an active commissioner.</summary>
    public const string NotACommissioner = "Organisation.NotACommissioner";

    /// <summary>{0}: the name of the commissioner account given as the guaranteeing cadre.</summary>
    public const string CommissionerAsCadre = "Organisation.CommissionerAsCadre";

    /// <summary>The account given as the guaranteeing cadre is not an active cadre.</summary>
    public const string NotACadre = "Organisation.NotACadre";

    /// <summary>{0}: the most contact people an enterprise keeps.</summary>
    public const string TooManyContacts = "Organisation.TooManyContacts";

    public const string ContactUnreachable = "Organisation.ContactUnreachable";
    public const string ContactMobile = "Organisation.ContactMobile";
    public const string ContactEmail = "Organisation.ContactEmail";

    /// <summary>The enterprise is not there (or was never there).</summary>
    public const string EnterpriseNotFound = "Organisation.EnterpriseNotFound";

    /// <summary>Someone changed the enterprise or one of its requests at the same moment; nothing was saved.</summary>
    public const string EnterpriseChanged = "Organisation.EnterpriseChanged";
}
