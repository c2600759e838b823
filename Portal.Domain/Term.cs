namespace Portal.Domain;

/// <summary>
/// A name a refusal mentions — a field, or who may act — with its code for the UI's text (<see cref="Code"/> is the
/// resource key) and its Chinese for the message.
/// </summary>
public sealed record Term(string Code, string Chinese)
{
    public override string ToString() => Chinese;
}
