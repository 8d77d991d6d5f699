// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Ack } from '../../../shared/ack.js';
import type { Identity } from '../../../shared/model.js';
import { FakeSocket } from '../../testing/fakeSocket.js';
import { CONV, message } from '../../testing/fixtures.js';
import { renderWithProviders } from '../../testing/renderWithProviders.js';
import { Composer, type AnswerPickerSlot, type ComposerProps } from './Composer.js';

const jeanne: Identity[] = [
  { kind: 'email', value: 'jeanne@example.fr', level: 'channel' },
  { kind: 'telegram', value: '4242', level: 'channel' },
  { kind: 'phone', value: '+33612345678', level: 'channel' },
];

function renderComposer(props: Partial<ComposerProps> = {}, socket = new FakeSocket()) {
  const view = renderWithProviders(
    <Composer conversationId={CONV} identities={jeanne} lastInboundChannel="email" canReply {...props} />,
    { socket },
  );
  const composer = screen.getByRole('region', { name: 'Répondre' });
  return { ...view, composer, send: () => within(composer).getByRole('button', { name: 'Envoyer' }) as HTMLButtonElement };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('Composer', () => {
  it('sends the typed reply on the chosen channel, shows it as sending until the ack, then clears', async () => {
    const socket = new FakeSocket();
    const ack = deferred<Ack<unknown>>();
    socket.onCommand = () => ack.promise;
    const { user, composer, send } = renderComposer({}, socket);

    // Channels the citizen can be written to, the last inbound one first; never the phone.
    const channel = within(composer).getByRole('combobox', { name: 'Canal' }) as HTMLSelectElement;
    expect(within(channel).getAllByRole('option').map((o) => o.textContent)).toEqual(['E-mail', 'Telegram']);
    expect(channel.value).toBe('email');

    await user.selectOptions(channel, 'Telegram');
    const field = within(composer).getByRole('textbox', { name: 'Votre réponse au citoyen' }) as HTMLTextAreaElement;
    await user.type(field, '  Votre acte est prêt.  ');
    await user.click(send());

    expect(socket.emitted).toEqual([
      {
        name: 'message:send',
        payload: { conversationId: CONV, channel: 'telegram', text: 'Votre acte est prêt.', clientMessageId: expect.any(String) },
      },
    ]);
    expect(field.value).toBe('');
    const pending = within(composer).getByRole('list', { name: "Messages en cours d'envoi" });
    expect(within(pending).getByRole('listitem').textContent).toContain('Telegram — Votre acte est prêt.');
    expect(within(pending).getByRole('status').textContent).toBe('Envoi…');

    ack.resolve({ ok: true, data: message({ id: 'msg_9', direction: 'outbound', channel: 'telegram', text: 'Votre acte est prêt.' }) });
    await waitFor(() => expect(within(composer).queryByRole('list', { name: "Messages en cours d'envoi" })).toBeNull());
    // The channel stays chosen for the next message.
    expect(channel.value).toBe('telegram');
  });

  it('adds an internal note with Ctrl+Enter, on no channel', async () => {
    const { user, composer, socket } = renderComposer();
    await user.click(within(composer).getByRole('radio', { name: 'Note interne' }));

    expect(within(composer).queryByRole('combobox', { name: 'Canal' })).toBeNull();
    const field = within(composer).getByRole('textbox', { name: 'Note interne, visible des agents uniquement' });
    expect(field.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(field.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Ctrl+Entrée pour ajouter la note. Le citoyen ne la verra pas.',
    );
    await user.type(field, 'Dossier complet{Control>}{Enter}{/Control}');

    expect(socket.emitted).toEqual([{ name: 'note:add', payload: { conversationId: CONV, text: 'Dossier complet', clientMessageId: expect.any(String) } }]);
    expect(within(composer).getByRole('button', { name: 'Ajouter la note' })).toBeTruthy();
  });

  it('does not send an empty or blank reply, by button or by keyboard', async () => {
    const { user, composer, socket, send } = renderComposer();
    expect(send().disabled).toBe(true);

    const field = within(composer).getByRole('textbox', { name: 'Votre réponse au citoyen' });
    await user.type(field, '   ');
    expect(send().disabled).toBe(true);
    await user.type(field, '{Control>}{Enter}{/Control}');
    expect(socket.emitted).toEqual([]);

    await user.type(field, 'Bonjour');
    expect(send().disabled).toBe(false);
  });

  it('says so when the citizen has no written channel, and does not send', async () => {
    const { user, composer, socket, send } = renderComposer({ identities: [{ kind: 'phone', value: '+33612345678', level: 'channel' }], lastInboundChannel: 'phone' });
    expect(within(composer).getByText('Aucun canal de réponse écrite pour ce citoyen')).toBeTruthy();
    expect(within(composer).queryByRole('combobox')).toBeNull();

    await user.type(within(composer).getByRole('textbox', { name: 'Votre réponse au citoyen' }), 'Bonjour{Control>}{Enter}{/Control}');
    expect(send().disabled).toBe(true);
    expect(socket.emitted).toEqual([]);
  });

  it('is read-only for an agent who may not reply', () => {
    const { composer, send } = renderComposer({ canReply: false });
    expect((within(composer).getByRole('textbox', { name: 'Votre réponse au citoyen' }) as HTMLTextAreaElement).disabled).toBe(true);
    expect(send().disabled).toBe(true);
  });

  it('announces a refusal in the agent’s words, and retries the same message', async () => {
    const socket = new FakeSocket();
    socket.onCommand = async () => ({ ok: false, error: { code: 'forbidden', message: 'role agent may not send on telegram' } });
    const { user, composer } = renderComposer({}, socket);

    await user.type(within(composer).getByRole('textbox', { name: 'Votre réponse au citoyen' }), 'Bonjour');
    await user.click(within(composer).getByRole('button', { name: 'Envoyer' }));

    const alert = await within(composer).findByRole('alert');
    // The server's English sentence is never shown; the code is worded in French.
    expect(alert.textContent).toContain('Échec de l’envoi : Votre rôle ne permet pas cette action.');
    expect(alert.textContent).not.toContain('role agent');
    // A refusal would be refused again: no automatic retry is promised.
    expect(alert.textContent).not.toContain('Nouvel envoi automatique');

    socket.onCommand = async () => ({ ok: true, data: message({ id: 'msg_9', direction: 'outbound' }) });
    await user.click(within(alert).getByRole('button', { name: 'Réessayer' }));
    await waitFor(() => expect(within(composer).queryByRole('alert')).toBeNull());
    const [first, retry] = socket.emitted.map((e) => (e.payload as { clientMessageId: string }).clientMessageId);
    expect(socket.emitted).toHaveLength(2);
    // Same id: a retry of a message the server did get is not written twice.
    expect(retry).toBe(first);
  });

  it('promises to resend by itself when the server did not answer', async () => {
    const socket = new FakeSocket();
    socket.onCommand = async () => ({ ok: false, error: { code: 'unavailable', reason: 'no_answer', message: 'no answer from the server' } });
    const { user, composer } = renderComposer({}, socket);

    await user.type(within(composer).getByRole('textbox', { name: 'Votre réponse au citoyen' }), 'Bonjour');
    await user.click(within(composer).getByRole('button', { name: 'Envoyer' }));

    const alert = await within(composer).findByRole('alert');
    expect(alert.textContent).toContain('Nouvel envoi automatique dès le retour de la connexion.');
    // "Modifier" takes the message back into the field, to be reworded or sent later.
    await user.click(within(alert).getByRole('button', { name: 'Modifier' }));
    expect(within(composer).queryByRole('alert')).toBeNull();
    expect((within(composer).getByRole('textbox', { name: 'Votre réponse au citoyen' }) as HTMLTextAreaElement).value).toBe('Bonjour');
  });
});

describe('Composer and identity levels', () => {
  it('asks for a confirmation before sending below the queue’s required level, then sends', async () => {
    const socket = new FakeSocket();
    socket.onCommand = () => Promise.resolve({ ok: true, data: message({ id: 'msg_10', direction: 'outbound', channel: 'email', text: 'Votre acte.' }) });
    const { user, composer, send } = renderComposer({ requiredLevel: 'portal', queueName: 'État civil' }, socket);
    await user.type(within(composer).getByRole('textbox', { name: 'Votre réponse au citoyen' }), 'Votre acte.');
    await user.click(send());
    expect(socket.emitted).toEqual([]);
    const warning = within(composer).getByRole('alert');
    expect(warning.textContent).toContain('Niveau d’identité sur ce canal : canal. La file État civil demande « portail »');
    const anyway = within(warning).getByRole('button', { name: 'Envoyer quand même' });
    expect(document.activeElement).toBe(anyway);
    await user.click(anyway);
    expect(socket.emitted.map((e) => e.name)).toEqual(['message:send']);
    expect(within(composer).queryByRole('alert')).toBeNull();
  });

  it('sends at once when the citizen’s level on the channel is enough, and cancels on request', async () => {
    const socket = new FakeSocket();
    socket.onCommand = () => Promise.resolve({ ok: true, data: message({ id: 'msg_11', direction: 'outbound', channel: 'webchat', text: 'ok' }) });
    const signedIn: Identity[] = [{ kind: 'webchat', value: 'wcs_abcdefghij', level: 'franceconnect', eidas: 'eidas2' }, { kind: 'email', value: 'j@x.fr', level: 'unverified' }];
    const { user, composer, send } = renderComposer({ identities: signedIn, lastInboundChannel: 'webchat', requiredLevel: 'portal', queueName: 'État civil' }, socket);
    const field = within(composer).getByRole('textbox', { name: 'Votre réponse au citoyen' });
    await user.type(field, 'Sur le chat.');
    await user.click(send());
    expect(socket.emitted.map((e) => e.payload)).toMatchObject([{ channel: 'webchat' }]);

    // By email (typed in a form, unverified), the same queue asks first; cancelling sends nothing.
    await user.selectOptions(within(composer).getByRole('combobox', { name: 'Canal' }), 'E-mail');
    await user.type(field, 'Par e-mail.');
    await user.click(send());
    await user.click(within(within(composer).getByRole('alert')).getByRole('button', { name: 'Ne pas envoyer' }));
    expect(socket.emitted).toHaveLength(1);
    expect((field as HTMLTextAreaElement).value).toBe('Par e-mail.');
  });

  describe('with the answer library', () => {
    // The app draws the real picker (features/answers); here a slot that inserts one answer.
    const picker = (slot: AnswerPickerSlot) => (
      <div role="dialog" aria-label="Réponses types">
        <span>{slot.channel}</span>
        <button type="button" onClick={() => slot.onInsert('Rendez-vous avant le {{date.limite}}.', { answerId: 'ans_passeport' as never, version: 3 })}>
          choisir
        </button>
        <button type="button" onClick={slot.onClose}>
          fermer
        </button>
      </div>
    );

    it('opens the library with "/" in an empty reply and with its button, and gives focus back on close', async () => {
      const { user, composer } = renderComposer({ answerPicker: picker });
      const field = within(composer).getByRole('textbox', { name: 'Votre réponse au citoyen' }) as HTMLTextAreaElement;
      await user.type(field, '/');
      const dialog = within(composer).getByRole('dialog', { name: 'Réponses types' });
      expect(dialog.textContent).toContain('email');
      expect(field.value).toBe('');
      await user.click(within(dialog).getByRole('button', { name: 'fermer' }));
      expect(within(composer).queryByRole('dialog')).toBeNull();
      expect(document.activeElement).toBe(field);
      // A "/" inside a sentence is text.
      await user.type(field, 'et/ou');
      expect(field.value).toBe('et/ou');
      expect(within(composer).queryByRole('dialog')).toBeNull();
      await user.click(within(composer).getByRole('button', { name: 'Réponses types' }));
      expect(within(composer).getByRole('dialog', { name: 'Réponses types' })).toBeTruthy();
    });

    it('refuses to send what still holds a placeholder, then sends the filled reply with the answer it came from', async () => {
      const socket = new FakeSocket();
      socket.onCommand = async () => ({ ok: true, data: message({ id: 'msg_9', direction: 'outbound' }) });
      const { user, composer, send } = renderComposer({ answerPicker: picker }, socket);
      await user.click(within(composer).getByRole('button', { name: 'Réponses types' }));
      await user.click(within(composer).getByRole('button', { name: 'choisir' }));
      const field = within(composer).getByRole('textbox', { name: 'Votre réponse au citoyen' }) as HTMLTextAreaElement;
      expect(field.value).toBe('Rendez-vous avant le {{date.limite}}.');
      expect(within(composer).getByTestId('composer-unfilled').textContent).toContain('{{date.limite}}');
      expect(send().disabled).toBe(true);
      await user.type(field, '{Control>}{Enter}{/Control}');
      expect(socket.emitted).toEqual([]);

      await user.clear(field);
      await user.click(within(composer).getByRole('button', { name: 'Réponses types' }));
      await user.click(within(composer).getByRole('button', { name: 'choisir' }));
      // The agent writes the date over the placeholder.
      await user.type(field, '15 mars', { initialSelectionStart: 21, initialSelectionEnd: 36 });
      expect(field.value).toBe('Rendez-vous avant le 15 mars.');
      expect(within(composer).queryByTestId('composer-unfilled')).toBeNull();
      await user.click(send());
      expect(socket.emitted).toEqual([
        {
          name: 'message:send',
          payload: { conversationId: CONV, channel: 'email', text: 'Rendez-vous avant le 15 mars.', clientMessageId: expect.any(String), answer: { answerId: 'ans_passeport', version: 3 } },
        },
      ]);
    });
  });
});
