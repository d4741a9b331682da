package schemaregistry

import (
	"fmt"

	"github.com/contractlint/contractlint/contract"
)

// Environment variables: EnvURL sets (and overrides) the registry URL; the
// others hold credentials when the configuration has no registry.auth (the
// GitHub Action sets them from its inputs).
const (
	EnvURL      = "CONTRACTLINT_REGISTRY_URL"
	EnvUsername = "CONTRACTLINT_REGISTRY_USERNAME"
	EnvPassword = "CONTRACTLINT_REGISTRY_PASSWORD"
	EnvToken    = "CONTRACTLINT_REGISTRY_TOKEN"
)

// OptionsFrom returns the client options a configuration asks for: the URL
// from CONTRACTLINT_REGISTRY_URL or registry.url, the credentials from the
// environment variables registry.auth names (which must be set), else from
// CONTRACTLINT_REGISTRY_USERNAME and _PASSWORD or CONTRACTLINT_REGISTRY_TOKEN
// when set. getenv reads the environment.
func OptionsFrom(cfg *contract.Config, getenv func(string) string) (Options, error) {
	var o Options
	reg := cfg.Registry
	if reg == nil {
		reg = &contract.Registry{}
	}
	o.URL = getenv(EnvURL)
	if o.URL == "" {
		o.URL = reg.URL
	}
	if o.URL == "" {
		return o, fmt.Errorf("no schema registry: set registry.url in %s or the environment variable %s", cfg.File, EnvURL)
	}
	need := func(name, what string) (string, error) {
		v := getenv(name)
		if v == "" {
			return "", fmt.Errorf("%s: registry.auth: %s names the environment variable %s, which is not set or empty", reg.Where, what, name)
		}
		return v, nil
	}
	var err error
	if reg.UsernameEnv != "" {
		if o.Username, err = need(reg.UsernameEnv, "username_env"); err != nil {
			return o, err
		}
		if o.Password, err = need(reg.PasswordEnv, "password_env"); err != nil {
			return o, err
		}
	}
	if reg.BearerEnv != "" {
		if o.Token, err = need(reg.BearerEnv, "bearer_env"); err != nil {
			return o, err
		}
	}
	if reg.UsernameEnv == "" && reg.BearerEnv == "" {
		o.Username, o.Password, o.Token = getenv(EnvUsername), getenv(EnvPassword), getenv(EnvToken)
		if o.Token != "" && (o.Username != "" || o.Password != "") {
			return o, fmt.Errorf("set %s and %s, or %s, not both", EnvUsername, EnvPassword, EnvToken)
		}
	}
	return o, nil
}
