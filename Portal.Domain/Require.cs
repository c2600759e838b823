namespace Portal.Domain;

internal static class Require
{
    public static string Text(string? value, int maxLength, Term what)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            throw new DomainException(TextRefusals.Required, $"{what}不能为空", what);
        }
        if (text.Length > maxLength)
        {
            throw new DomainException(TextRefusals.TooLong, $"{what}不能超过 {maxLength} 个字符", what, maxLength);
        }
        return text;
    }
}
