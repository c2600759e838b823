namespace Portal.Domain;

internal static class Require
{
    public static string Text(string? value, int maxLength, string what)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            throw new DomainException($"{what}不能为空");
        }
        if (text.Length > maxLength)
        {
            throw new DomainException($"{what}不能超过 {maxLength} 个字符");
        }
        return text;
    }
}
