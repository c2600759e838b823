namespace Portal.Domain.Registration;

/// <summary>手机号码: an 11-digit mainland Chinese mobile number (1, then 3–9, then nine digits).</summary>
public static class MobileNumber
{
    public const int Length = 11;

    /// <summary>The number without spaces or hyphens, as stored.</summary>
    public static string Normalise(string? text) =>
        new((text ?? "").Where(c => c is not (' ' or '-')).ToArray());

    public static bool IsValid(string? text)
    {
        var number = Normalise(text);
        return number.Length == Length && number[0] == '1' && number[1] is >= '3' and <= '9' && number.All(char.IsAsciiDigit);
    }
}
