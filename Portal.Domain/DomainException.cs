namespace Portal.Domain;

/// <summary>
/// A business rule refused an action. The message is written for the user who attempted it
/// (Chinese first); callers show it as it is.
/// </summary>
public class DomainException(string message) : Exception(message);
