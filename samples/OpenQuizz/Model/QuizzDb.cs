using OpenQuizz.Typed;

namespace OpenQuizz.Model;

/// <summary>The application's database: constructors, collection names and codecs are generated; <c>AddOpenQuizzMongo()</c> registers it.</summary>
[MongoDatabase("openquizz")]
public partial class QuizzDb
{
    public partial IMongoCollection<Course> Courses { get; }

    public partial IMongoCollection<Quiz> Quizzes { get; }

    public partial IMongoCollection<Attempt> Attempts { get; }
}
