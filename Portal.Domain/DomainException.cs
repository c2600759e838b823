namespace Portal.Domain;

/// <summary>
/// A business rule refused an action. <see cref="Code"/> (a constant of one of the <c>…Refusals</c> classes) and
/// <see cref="Arguments"/> let the UI say it in the user's language; the message, in Chinese, is the fallback and
/// what the logs show. Arguments are numbers, strings, dates, <see cref="Term"/>s or the enums listed in
/// <see cref="RefusalArguments.Enums"/>, so the UI can word each one too.
/// </summary>
public class DomainException : Exception
{
    public string Code { get; }
    public IReadOnlyList<object> Arguments { get; }

    public DomainException(string code, string message, params object[] arguments) : base(message)
    {
        Code = code;
        Arguments = arguments;
    }
}
