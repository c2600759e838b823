namespace Portal.Domain;

/// <summary>
/// A business rule refused an action. The message is written for the user who attempted it, in
/// Chinese; <see cref="Code"/> and <see cref="Arguments"/> let the UI say the same in another language.
/// </summary>
public class DomainException : Exception
{
    public string? Code { get; }
    public IReadOnlyList<object> Arguments { get; }

    public DomainException(string message) : base(message) => Arguments = [];

    public DomainException(string code, string message, params object[] arguments) : base(message)
    {
        Code = code;
        Arguments = arguments;
    }
}
