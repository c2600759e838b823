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
        var problem = Diagnose(text);
        return problem is null ? new UnifiedSocialCreditCode(text!.Trim().ToUpperInvariant()) : throw Refusal(problem, Check(text)!);
    }

    private static DomainException Refusal(CreditCodeProblem problem, string message) => problem.Kind switch
    {
        CreditCodeProblemKind.Length => new(OrganisationRefusals.CreditCodeLength, message, Length, problem.Length),
        CreditCodeProblemKind.Character => new(OrganisationRefusals.CreditCodeCharacter, message, problem.Character.ToString()!),
        CreditCodeProblemKind.RegionCode => new(OrganisationRefusals.CreditCodeRegion, message),
        CreditCodeProblemKind.OrganisationCheckCharacter => new(OrganisationRefusals.CreditCodeOrganisationCheck, message),
        CreditCodeProblemKind.CheckCharacter => new(OrganisationRefusals.CreditCodeCheck, message),
    };

    public static bool IsValid(string? text) => Check(text) is null;

    /// <summary>Null when the code is valid, else the reason in the user's words.</summary>
    public static string? Check(string? text) => Diagnose(text) switch
    {
        null => null,
        { Kind: CreditCodeProblemKind.Length } p => $"统一社会信用代码应为 {Length} 位，当前为 {p.Length} 位",
        { Kind: CreditCodeProblemKind.Character } p => $"统一社会信用代码含有无效字符“{p.Character}”（不使用 I、O、Z、S、V）",
        { Kind: CreditCodeProblemKind.RegionCode } => "统一社会信用代码第 3 至 8 位应为行政区划代码（6 位数字）",
        { Kind: CreditCodeProblemKind.OrganisationCheckCharacter } => "统一社会信用代码中的组织机构代码校验位不正确",
        { Kind: CreditCodeProblemKind.CheckCharacter } => "统一社会信用代码校验位不正确，请核对后重新输入",
    };

    /// <summary>Null when the code is valid, else what is wrong with it, for a caller that words it in the user's language.</summary>
    public static CreditCodeProblem? Diagnose(string? text)
    {
        var code = text?.Trim().ToUpperInvariant() ?? "";
        if (code.Length != Length)
        {
            return new(CreditCodeProblemKind.Length, code.Length, null);
        }
        foreach (var c in code)
        {
            if (!Alphabet.Contains(c))
            {
                return new(CreditCodeProblemKind.Character, code.Length, c);
            }
        }
        if (!code[2..8].All(char.IsAsciiDigit))
        {
            return new(CreditCodeProblemKind.RegionCode, code.Length, null);
        }
        if (OrganisationCheckCharacter(code.AsSpan(8, 8)) != code[16])
        {
            return new(CreditCodeProblemKind.OrganisationCheckCharacter, code.Length, null);
        }
        if (CheckCharacter(code.AsSpan(0, 17)) != code[17])
        {
            return new(CreditCodeProblemKind.CheckCharacter, code.Length, null);
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

/// <summary>What makes a text not a unified social credit code.</summary>
public enum CreditCodeProblemKind
{
    Length,
    Character,
    RegionCode,
    OrganisationCheckCharacter,
    CheckCharacter,
}

/// <param name="Length">How many characters the code has (after trimming).</param>
/// <param name="Character">The first character outside the alphabet, for <see cref="CreditCodeProblemKind.Character"/>.</param>
public sealed record CreditCodeProblem(CreditCodeProblemKind Kind, int Length, char? Character);
