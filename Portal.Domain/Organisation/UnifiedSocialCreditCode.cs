namespace Portal.Domain.Organisation;

/// <summary>
/// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet; the ninth to
/// seventeenth are the organisation code with its own GB 11714 check character, the eighteenth
/// checks the whole.
/// </summary>
public sealed record UnifiedSocialCreditCode
{
    public const int Length = 18;
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    private static readonly int[] OrganisationWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    public string Value { get; }

    private UnifiedSocialCreditCode(string value) => Value = value;

    public static UnifiedSocialCreditCode Parse(string? text)
    {
        var problem = Check(text);
        return problem is null ? new UnifiedSocialCreditCode(text!.Trim().ToUpperInvariant()) : throw new DomainException(problem);
    }

    public static bool IsValid(string? text) => Check(text) is null;

    /// <summary>Null when the code is valid, else the reason in the user's words.</summary>
    public static string? Check(string? text)
    {
        var code = text?.Trim().ToUpperInvariant() ?? "";
        if (code.Length != Length)
        {
            return $"统一社会信用代码应为 {Length} 位，当前为 {code.Length} 位";
        }
        foreach (var c in code)
        {
            if (!Alphabet.Contains(c))
            {
                return $"统一社会信用代码含有无效字符“{c}”（不使用 I、O、Z、S、V）";
            }
        }
        if (!code[2..8].All(char.IsAsciiDigit))
        {
            return "统一社会信用代码第 3 至 8 位应为行政区划代码（6 位数字）";
        }
        if (OrganisationCheckCharacter(code.AsSpan(8, 8)) != code[16])
        {
            return "统一社会信用代码中的组织机构代码校验位不正确";
        }
        if (CheckCharacter(code.AsSpan(0, 17)) != code[17])
        {
            return "统一社会信用代码校验位不正确，请核对后重新输入";
        }
        return null;
    }

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Alphabet.IndexOf(first17[i]) * Weights[i];
        }
        return Alphabet[(31 - sum % 31) % 31];
    }

    public static char OrganisationCheckCharacter(ReadOnlySpan<char> body8)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var c = body8[i];
            var value = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            sum += value * OrganisationWeights[i];
        }
        return (11 - sum % 11) switch
        {
            10 => 'X',
            11 => '0',
            var digit => (char)('0' + digit),
        };
    }

    public override string ToString() => Value;
}
