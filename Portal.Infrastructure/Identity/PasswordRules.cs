using System.Reflection;
using Microsoft.AspNetCore.Identity;

namespace Portal.Infrastructure.Identity;

/// <summary>
/// Refuses passwords found in a list of common passwords (John the Ripper's password.lst,
/// public domain, as Debian's john-data ships it, plus a supplement of passwords common in China),
/// also when only digits or symbols were appended to one ("Password2026!").
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<ApplicationUser>
{
    public const string ErrorCode = "CommonPassword";

    private static readonly Lazy<HashSet<string>> List = new(Load);

    public static int Count => List.Value.Count;

    public static bool IsCommon(string password)
    {
        var lower = password.Trim().ToLowerInvariant();
        if (List.Value.Contains(lower))
        {
            return true;
        }
        var stem = lower.TrimEnd(c => !char.IsAsciiLetter(c));
        return stem.Length >= 4 && stem.Length < lower.Length && List.Value.Contains(stem);
    }

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password) =>
        Task.FromResult(password is not null && IsCommon(password)
            ? IdentityResult.Failed(new IdentityError { Code = ErrorCode, Description = "该密码过于常见，容易被猜中，请换一个。" })
            : IdentityResult.Success);

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly()
            .GetManifestResourceStream("Portal.Infrastructure.Identity.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith("#!", StringComparison.Ordinal))
            {
                set.Add(line.Trim().ToLowerInvariant());
            }
        }
        return set;
    }
}

/// <summary>
/// At least three of the four kinds of character (lower case, upper case, digits, symbols), as
/// the multi-level protection scheme (等级保护) expects of government systems.
/// </summary>
public sealed class CharacterMixPasswordValidator : IPasswordValidator<ApplicationUser>
{
    public const string ErrorCode = "PasswordCharacterMix";
    public const int RequiredKinds = 3;

    public static int Kinds(string password) =>
        (password.Any(char.IsLower) ? 1 : 0)
        + (password.Any(char.IsUpper) ? 1 : 0)
        + (password.Any(char.IsDigit) ? 1 : 0)
        + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password) =>
        Task.FromResult(password is not null && Kinds(password) < RequiredKinds
            ? IdentityResult.Failed(new IdentityError { Code = ErrorCode, Description = "密码须包含小写字母、大写字母、数字、符号中的至少三类。" })
            : IdentityResult.Success);
}

internal static class StringTrimExtensions
{
    public static string TrimEnd(this string text, Func<char, bool> trim)
    {
        var end = text.Length;
        while (end > 0 && trim(text[end - 1]))
        {
            end--;
        }
        return text[..end];
    }
}
