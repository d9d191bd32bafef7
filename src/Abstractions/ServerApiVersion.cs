namespace OpenQuizz.Typed;

/// <summary>A version of the MongoDB Stable API.</summary>
public enum ServerApiVersion
{
    /// <summary>Stable API version "1".</summary>
    V1 = 1,
}
