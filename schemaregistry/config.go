package schemaregistry

import (
	"fmt"

	"github.com/contractlint/contractlint/contract"
)

// EnvURL names the environment variable that sets (and overrides) the
// registry URL.
const EnvURL = "CONTRACTLINT_REGISTRY_URL"

// OptionsFrom returns the client options a configuration asks for: the URL
// from CONTRACTLINT_REGISTRY_URL or registry.url, the credentials from the
// environment variables registry.auth names. getenv reads the environment.
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
	return o, nil
}
