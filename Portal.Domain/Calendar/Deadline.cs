namespace Portal.Domain.Calendar;

/// <summary>
/// 办理期限: the instant a time limit ends, in China Standard Time (+08:00).
/// </summary>
/// <param name="At">The deadline instant, always with a +08:00 offset.</param>
/// <param name="Provisional">
/// True when the count ran through a year the calendar holds no entries for, so weekends were
/// the only days off assumed; the deadline may move once that year's schedule is entered.
/// </param>
public sealed record Deadline(DateTimeOffset At, bool Provisional);
