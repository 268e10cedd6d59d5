import { LoggerService } from '@backstage/backend-plugin-api';
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  KeyObject,
  randomUUID,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { TICKET_ALGORITHM } from '@hatchway/plugin-terminal-common';
import { SigningKeyConfig } from '../config/readTerminalConfig';

/** A public key as published in the JWKS. */
export interface PublicJwk {
  kty: string;
  kid: string;
  alg: string;
  use: 'sig';
  n?: string;
  e?: string;
}

/**
 * The ticket signing keys: the first signs, all are published, so a rotation adds the new key
 * first and removes the old one after tickets signed with it have expired (a minute).
 */
export class SigningKeys {
  /** Loads the configured keys, or generates one (with a warning) when none is configured. */
  static load(
    configured: SigningKeyConfig[],
    logger: LoggerService,
  ): SigningKeys {
    if (configured.length === 0) {
      logger.warn(
        'terminal.signingKeys is not configured: tickets are signed with a key generated at start, for local use only',
      );
      const { privateKey } = generateKeyPairSync('rsa', {
        modulusLength: 2048,
      });
      return new SigningKeys([
        { kid: `generated-${randomUUID()}`, key: privateKey },
      ]);
    }
    return new SigningKeys(
      configured.map(({ kid, privateKey, privateKeyFile }) => {
        const pem =
          privateKey ??
          (privateKeyFile ? readFileSync(privateKeyFile, 'utf8') : undefined);
        if (!pem) {
          throw new Error(
            `terminal.signingKeys: key "${kid}" needs privateKey or privateKeyFile`,
          );
        }
        const key = createPrivateKey(pem);
        if (key.asymmetricKeyType !== 'rsa') {
          throw new Error(`terminal.signingKeys: key "${kid}" is not RSA`);
        }
        return { kid, key };
      }),
    );
  }

  private constructor(
    private readonly keys: Array<{ kid: string; key: KeyObject }>,
  ) {
    const kids = new Set(keys.map(k => k.kid));
    if (kids.size !== keys.length) {
      throw new Error('terminal.signingKeys: key ids must be unique');
    }
  }

  /** The key new tickets are signed with. */
  get current(): { kid: string; key: KeyObject } {
    return this.keys[0];
  }

  /** The JSON Web Key Set of every key's public half. */
  jwks(): { keys: PublicJwk[] } {
    return {
      keys: this.keys.map(({ kid, key }) => {
        const { kty, n, e } = createPublicKey(key).export({ format: 'jwk' });
        return { kty: kty!, n, e, kid, alg: TICKET_ALGORITHM, use: 'sig' };
      }),
    };
  }
}
