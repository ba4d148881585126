import { DomainError, ValidationError } from '../../lib/errors';
import { PASSWORD_RULE_MESSAGES, type PasswordRuleFailure } from '../../lib/password-policy';

export class UserEmailTakenError extends DomainError {
  constructor(email: string) {
    super('user_email_taken', `Ya existe una cuenta con el correo ${email}.`);
  }
}

export class WeakPasswordError extends ValidationError {
  constructor(failure: PasswordRuleFailure, field = 'password') {
    super({ [field]: PASSWORD_RULE_MESSAGES[failure] }, PASSWORD_RULE_MESSAGES[failure]);
  }
}

export class InvalidEmailError extends ValidationError {
  constructor(field = 'email') {
    super({ [field]: 'Ingresa un correo válido.' }, 'Ingresa un correo válido.');
  }
}

/** An admin changing their own role or deactivating themself could lock everyone out. */
export class OwnAccountChangeError extends DomainError {
  constructor() {
    super('own_account_change', 'No puedes cambiar tu propio rol ni desactivar tu propia cuenta.');
  }
}

/** A facilitator account belongs to its facilitator record: it is made by inviting them, not by a role change. */
export class FacilitatorRoleChangeError extends DomainError {
  constructor() {
    super(
      'facilitator_role_change',
      'El rol de facilitador se da invitando a un facilitador desde su ficha, y no se cambia desde aquí.',
    );
  }
}
