using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Registration;
using Portal.Web.Resources;

namespace Portal.Web.Components.Account;

internal static class IdentityErrorMessages
{
    /// <summary>
    /// A failed Identity result as one message for the user. The portal's own password rules are
    /// described here too, since their validators (in Infrastructure) know no languages.
    /// </summary>
    public static string Describe(this IStringLocalizer<AccountResource> text, IEnumerable<IdentityError> errors)
    {
        var list = errors.ToList();
        // The user name is the e-mail address: one taken address is one error, not two.
        if (list.Exists(e => e.Code == nameof(IdentityErrorDescriber.DuplicateEmail)))
        {
            list.RemoveAll(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName));
        }
        return string.Join(" ", list.Select(error => error.Code switch
        {
            CharacterMixPasswordValidator.ErrorCode => text["IdentityError.PasswordCharacterMix", CharacterMixPasswordValidator.RequiredKinds].Value,
            CommonPasswordValidator.ErrorCode => text["IdentityError.CommonPassword"].Value,
            Registrar.RefusedApplicantCode => text["IdentityError.RefusedApplicant"].Value,
            _ => error.Description,
        }));
    }

    public static bool HasInvalidToken(this IdentityResult result) =>
        result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken));
}
