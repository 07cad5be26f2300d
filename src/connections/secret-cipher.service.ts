import { Inject, Injectable } from '@nestjs/common';
import { decrypt, encrypt } from '../../libs/secret-box';
import type { ResolvedConfig } from '../bootstrap/infrastructure';
import { APP_CONFIG } from '../config/app-config.provider';

/** Encrypts/decrypts secrets at rest with the configured ENCRYPTION_KEY (AES-256-GCM). */
@Injectable()
export class SecretCipher {
  private readonly key: string;

  constructor(@Inject(APP_CONFIG) config: ResolvedConfig) {
    this.key = config.encryptionKey;
  }

  encrypt(plain: string): string {
    return encrypt(plain, this.key);
  }

  /** Throws SecretBoxError when the value was stored under another key or altered. */
  decrypt(token: string): string {
    return decrypt(token, this.key);
  }
}
