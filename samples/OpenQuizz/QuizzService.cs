using MongoDB.Bson;
using OpenQuizz.Model;
using OpenQuizz.Typed;
using OpenQuizz.Typed.Bson;

namespace OpenQuizz;

/// <summary>The application's use cases over <see cref="QuizzDb"/>; the HTTP endpoints and the demo both go through it.</summary>
public sealed class QuizzService(QuizzDb db, TimeProvider time)
{
    private const int DuplicateKey = 11000;

    /// <summary>Creates the indexes the queries below rely on; creating an existing index again does nothing.</summary>
    public async Task EnsureIndexesAsync(CancellationToken cancellationToken = default)
    {
        await db.Courses.Indexes.CreateOneAsync(IndexKeys<Course>.Ascending(c => c.Slug), new CreateIndexOptions { Unique = true }, cancellationToken: cancellationToken);
        await db.Quizzes.Indexes.CreateOneAsync(IndexKeys<Quiz>.Ascending(q => q.CourseId), cancellationToken: cancellationToken);
        await db.Attempts.Indexes.CreateOneAsync(IndexKeys<Attempt>.Ascending(a => a.QuizId).Descending(a => a.Score), cancellationToken: cancellationToken);
    }

    public Task<List<Course>> ListCoursesAsync(CancellationToken cancellationToken = default) =>
        db.Courses.Find(Filter<Course>.Empty).SortBy(c => c.Title).ToListAsync(cancellationToken);

    public Task<Course?> GetCourseAsync(string slug, CancellationToken cancellationToken = default) =>
        db.Courses.Find(c => c.Slug == slug).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Creates a course; null when its slug is taken (the unique index says so).</summary>
    public async Task<Course?> CreateCourseAsync(string slug, string title, string? description, CancellationToken cancellationToken = default)
    {
        var course = new Course { Id = ObjectId.GenerateNewId(), Slug = slug, Title = title, Description = description, CreatedAt = Now() };
        try
        {
            await db.Courses.InsertOneAsync(course, cancellationToken: cancellationToken);
            return course;
        }
        catch (MongoWriteException e) when (e.WriteError?.Code == DuplicateKey)
        {
            return null;
        }
    }

    public Task<Course?> UpdateCourseAsync(string slug, string title, string? description, CancellationToken cancellationToken = default) =>
        db.Courses.FindOneAndUpdateAsync(
            c => c.Slug == slug,
            Update<Course>.Set(c => c.Title, title).Set(c => c.Description, description),
            new FindOneAndUpdateOptions<Course> { ReturnDocument = ReturnDocument.After },
            cancellationToken);

    /// <summary>Deletes a course with its quizzes and their attempts; false when there is no such course.</summary>
    public async Task<bool> DeleteCourseAsync(string slug, CancellationToken cancellationToken = default)
    {
        var course = await db.Courses.FindOneAndDeleteAsync(c => c.Slug == slug, cancellationToken: cancellationToken);
        if (course is null)
        {
            return false;
        }

        var quizIds = await db.Quizzes.DistinctAsync(q => q.Id, q => q.CourseId == course.Id, cancellationToken: cancellationToken);
        await db.Attempts.DeleteManyAsync(a => quizIds.Contains(a.QuizId), cancellationToken: cancellationToken);
        await db.Quizzes.DeleteManyAsync(q => q.CourseId == course.Id, cancellationToken: cancellationToken);
        return true;
    }

    public Task<List<Quiz>> ListQuizzesAsync(ObjectId courseId, CancellationToken cancellationToken = default) =>
        db.Quizzes.Find(q => q.CourseId == courseId).SortBy(q => q.CreatedAt).ToListAsync(cancellationToken);

    public Task<Quiz?> GetQuizAsync(ObjectId id, CancellationToken cancellationToken = default) =>
        db.Quizzes.Find(q => q.Id == id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Creates a draft quiz in the course; null when there is no such course.</summary>
    public async Task<Quiz?> CreateQuizAsync(string courseSlug, string title, CancellationToken cancellationToken = default)
    {
        if (await GetCourseAsync(courseSlug, cancellationToken) is not { } course)
        {
            return null;
        }

        var quiz = new Quiz { Id = ObjectId.GenerateNewId(), CourseId = course.Id, Title = title, Status = QuizStatus.Draft, CreatedAt = Now() };
        await db.Quizzes.InsertOneAsync(quiz, cancellationToken: cancellationToken);
        return quiz;
    }

    /// <summary>Appends a question to a draft quiz (<c>$push</c>); null when there is no such draft.</summary>
    public Task<Quiz?> AddQuestionAsync(ObjectId quizId, Question question, CancellationToken cancellationToken = default) =>
        db.Quizzes.FindOneAndUpdateAsync(
            q => q.Id == quizId && q.Status == QuizStatus.Draft,
            Update<Quiz>.Push(q => q.Questions, question),
            new FindOneAndUpdateOptions<Quiz> { ReturnDocument = ReturnDocument.After },
            cancellationToken);

    /// <summary>Publishes a draft quiz that has at least one question; null when there is no such draft.</summary>
    public Task<Quiz?> PublishAsync(ObjectId quizId, CancellationToken cancellationToken = default) =>
        db.Quizzes.FindOneAndUpdateAsync(
            q => q.Id == quizId && q.Status == QuizStatus.Draft && q.Questions.Count > 0,
            Update<Quiz>.Set(q => q.Status, QuizStatus.Published).Set(q => q.PublishedAt, Now()),
            new FindOneAndUpdateOptions<Quiz> { ReturnDocument = ReturnDocument.After },
            cancellationToken);

    /// <summary>Scores and stores an attempt at a published quiz: one chosen answer index per question, scored here, never by the caller.</summary>
    /// <exception cref="ArgumentException">The quiz is not published, or the choices do not match its questions.</exception>
    public async Task<Attempt?> SubmitAttemptAsync(ObjectId quizId, string userName, IReadOnlyList<int> choices, CancellationToken cancellationToken = default)
    {
        if (await GetQuizAsync(quizId, cancellationToken) is not { } quiz)
        {
            return null;
        }

        if (quiz.Status != QuizStatus.Published)
        {
            throw new ArgumentException($"The quiz \"{quiz.Title}\" is not published yet.");
        }

        if (choices.Count != quiz.Questions.Count)
        {
            throw new ArgumentException($"The quiz has {quiz.Questions.Count} questions; {choices.Count} answers were given.");
        }

        var score = quiz.Questions.Zip(choices).Sum(pair => pair.First.Answers.ElementAtOrDefault(pair.Second)?.IsCorrect == true ? pair.First.Points : 0);
        var attempt = new Attempt
        {
            Id = ObjectId.GenerateNewId(),
            QuizId = quiz.Id,
            UserName = userName,
            Choices = [.. choices],
            Score = score,
            MaxScore = quiz.MaxScore,
            SubmittedAt = Now(),
        };
        await db.Attempts.InsertOneAsync(attempt, cancellationToken: cancellationToken);
        return attempt;
    }

    /// <summary>Each user's best attempt at the quiz, best first (earliest first among equals), at most <paramref name="limit"/>.</summary>
    public async Task<List<BestScore>> GetBestScoresAsync(ObjectId quizId, int limit = 10, CancellationToken cancellationToken = default)
    {
        // The attempts of the quiz (through the quizId+score index), best and earliest first, so that $first of each
        // user's group is that user's best attempt; then the users ranked the same way.
        var pipeline = Pipeline.For<Attempt>()
            .Match(Filter<Attempt>.Where(a => a.QuizId == quizId))
            .Sort(Sort<Attempt>.Descending(a => a.Score).Ascending(a => a.SubmittedAt))
            .Group(
                AttemptFields.UserName,
                Accumulator<Attempt>.First(BestScoreFields.Score, AttemptFields.Score),
                Accumulator<Attempt>.First(BestScoreFields.MaxScore, AttemptFields.MaxScore),
                Accumulator<Attempt>.First(BestScoreFields.SubmittedAt, AttemptFields.SubmittedAt),
                Accumulator<Attempt>.Count(BestScoreFields.Attempts))
            .Sort(Sort<BestScore>.Descending(b => b.Score).Ascending(b => b.SubmittedAt))
            .Limit(limit);
        var cursor = await db.Attempts.AggregateAsync(pipeline, cancellationToken: cancellationToken);
        return await cursor.ToListAsync(cancellationToken);
    }

    // BSON keeps milliseconds: round here so that what we return equals what a later read gives back.
    private DateTime Now()
    {
        var now = time.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }
}
