package github

import (
	"context"
	"errors"
)

// AnnotationsPerRequest is the most annotations the Checks API takes in one
// request; more are sent in later updates of the same check run.
const AnnotationsPerRequest = 50

// CheckRun creates a completed check run on the pull request's head commit
// carrying run's annotations, 50 per request, and returns its ID. The ID is
// returned even when a later batch fails.
func (p *Publisher) CheckRun(ctx context.Context, run CheckRun) (int64, error) {
	if run.HeadSHA == "" {
		run.HeadSHA = p.PR.HeadSHA
	}
	if run.HeadSHA == "" {
		return 0, errors.New("check run: no head commit in the pull request event")
	}
	all := run.Annotations
	first := run
	first.Annotations = all[:min(len(all), AnnotationsPerRequest)]
	id, err := p.API.CreateCheckRun(ctx, p.Owner, p.Repo, first)
	if err != nil {
		return 0, classify(err)
	}
	for i := AnnotationsPerRequest; i < len(all); i += AnnotationsPerRequest {
		next := CheckRun{Name: run.Name, Title: run.Title, Summary: run.Summary,
			Annotations: all[i:min(len(all), i+AnnotationsPerRequest)]}
		if err := p.API.UpdateCheckRun(ctx, p.Owner, p.Repo, id, next); err != nil {
			return id, classify(err)
		}
	}
	return id, nil
}
