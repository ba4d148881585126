import { DomainError } from '../../lib/errors';

export class FollowUpAlreadyDoneError extends DomainError {
  constructor() {
    super('follow_up_done', 'Ese seguimiento ya estaba marcado como hecho.');
  }
}
