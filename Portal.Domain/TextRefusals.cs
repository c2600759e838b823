namespace Portal.Domain;

/// <summary>Codes of the refusals of a required text (<c>Require.Text</c>); the field is a <see cref="Term"/> of <see cref="Fields"/>.</summary>
public static class TextRefusals
{
    /// <summary>{0}: the field.</summary>
    public const string Required = "Text.Required";

    /// <summary>{0}: the field; {1}: the most characters.</summary>
    public const string TooLong = "Text.TooLong";
}
